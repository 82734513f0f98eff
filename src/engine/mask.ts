/** The one masking rule every output path uses: first 4 characters, then an ellipsis. */
export function maskSecret(secret: string): string {
  // Short values reveal proportionally more; cap at a third of the value so `abc` is not printed whole.
  const shown = Math.min(4, Math.floor(secret.length / 3));
  return secret.slice(0, shown) + '…';
}
