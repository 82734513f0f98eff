/** Inline ignore directives in a file (our grammar and the foreign dialects we honour), counted. Pure. */
import { parseDirectives } from '../engine/suppress';
import type { InlineIgnoreCounts } from './types';

export const NO_IGNORES: InlineIgnoreCounts = Object.freeze({ total: 0, withReason: 0, withExpiry: 0, foreign: 0 });

export function countInlineIgnores(text: string): InlineIgnoreCounts {
  const c = { ...NO_IGNORES };
  if (!/credential-hygiene:|gitleaks:|trufflehog:|pragma|secretlint-disable/i.test(text)) return c;
  for (const line of text.split('\n')) {
    for (const d of parseDirectives(line)) {
      c.total++;
      if (d.dialect !== 'credential-hygiene') c.foreign++;
      if (d.reason) c.withReason++;
      if (d.until && !d.invalid) c.withExpiry++;
    }
  }
  return c;
}

export function addIgnoreCounts(a: InlineIgnoreCounts, b: InlineIgnoreCounts): InlineIgnoreCounts {
  return { total: a.total + b.total, withReason: a.withReason + b.withReason, withExpiry: a.withExpiry + b.withExpiry, foreign: a.foreign + b.foreign };
}
