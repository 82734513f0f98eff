/**
 * File contexts (`RuleSpec.fileContext`): a rule that only applies where the file holds some text, e.g.
 * `kind: Secret` or a `machine …` entry. Asking "does the text hold it" costs a pass over the whole text, so a
 * context that starts with a literal is routed by the keyword prefilter (its literal becomes a keyword) and the
 * regex is tried only where the literal occurs.
 */

const literals = new WeakMap<RegExp, string>();
const anchored = new WeakMap<RegExp, RegExp>();

/** The ASCII literal every match of `re` starts with ('' when none can be read off its source). */
export function leadingLiteral(re: RegExp): string {
  let lit = literals.get(re);
  if (lit === undefined) {
    lit = '';
    // Case-folding, alternation or a sticky flag would change what the prefix means.
    if (!/[iy]/.test(re.flags) && !/(?<!\\)\|/.test(re.source)) {
      const m = /^(?:[A-Za-z0-9 _:"'<>=,-]|\\[.\-/])+/.exec(re.source);
      if (m) {
        lit = m[0].replace(/\\(.)/g, '$1');
        // A quantifier after the prefix applies to its last character, which is then optional.
        if (/^[?*{]/.test(re.source.slice(m[0].length))) lit = lit.slice(0, -1);
      }
    }
    literals.set(re, lit);
  }
  return lit;
}

/** Whether `fc` matches at one of `starts` (offsets where its literal begins). */
export function contextMatchesAt(text: string, fc: RegExp, starts: readonly number[] | undefined): boolean {
  if (!starts) return false;
  const re = anchoredAt(fc);
  for (const at of starts) {
    re.lastIndex = at;
    if (re.test(text)) return true;
  }
  return false;
}

/**
 * Whether the text holds the context, without the prefilter's help (a rescan of a few lines). A literal is first
 * looked up with `indexOf`; the regex is tried only where it occurs.
 */
export function hasContext(text: string, fc: RegExp): boolean {
  const literal = leadingLiteral(fc);
  if (!literal) return fc.test(text);
  const re = anchoredAt(fc);
  for (let at = text.indexOf(literal); at !== -1; at = text.indexOf(literal, at + 1)) {
    re.lastIndex = at;
    if (re.test(text)) return true;
  }
  return false;
}

/** The same context as a sticky pattern. */
function anchoredAt(re: RegExp): RegExp {
  let y = anchored.get(re);
  if (!y) anchored.set(re, (y = new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'y')));
  return y;
}
