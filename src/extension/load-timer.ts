/** Imported first by extension.ts: marks when the bundle started evaluating (for the activation-time log). */
export const loadStart = performance.now();
