/** The one masking rule every output path uses: first 4 characters, then an ellipsis. */
export function maskSecret(secret: string): string {
  // Count code points, not UTF-16 units: slicing by units could leave a lone surrogate (`\ud83d`) that breaks
  // JSON consumers and prints as garbage. Short values reveal proportionally more; cap at a third of the
  // value so `abc` is not printed whole.
  const points = Array.from(secret);
  const shown = Math.min(4, Math.floor(points.length / 3));
  return points.slice(0, shown).join('') + '…';
}
