/** Finds imports per language and removes the ones an edit made unused. */
import type { LanguageFamily, TextEdit } from './types';
import type { Lexed } from '../syntax/lexer';
import { identifierRefs, matchClose, splitList, type ListItem } from './syntax/brackets';
import { deleteStatement, removeListItems } from './edits';

interface ImportedName {
  name: string;
  /** Edits that remove just this name (the whole statement when it is the only one). */
  remove: () => TextEdit[];
  stmtStart: number;
  stmtEnd: number;
  /** Braced import lists: the list and this name's index, so several names can be removed together. */
  group?: { open: number; close: number; items: ListItem[]; idx: number };
}

function inRanges(off: number, ranges: Array<[number, number]>): boolean {
  return ranges.some(([a, b]) => off >= a && off < b);
}

function listImports(lx: Lexed, lang: LanguageFamily): ImportedName[] {
  const text = lx.text;
  const out: ImportedName[] = [];
  const code = (i: number) => lx.mask[i] === 0;
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) if (code(m.index + m[0].search(/\S/))) fn(m);
  };
  const braced = (m: RegExpExecArray, braceAt: number, nameOf: (item: string) => string) => {
    const close = matchClose(lx, braceAt);
    if (close < 0) return;
    const items = splitList(lx, braceAt, close);
    const stmtStart = m.index + m[0].search(/\S/);
    const stmtEnd = m.index + m[0].length;
    items.forEach((it, idx) => {
      const name = nameOf(text.slice(it.start, it.end));
      out.push({
        name, stmtStart, stmtEnd, group: { open: braceAt, close, items, idx },
        remove: () => (items.length === 1 ? [deleteStatement(text, stmtStart, stmtEnd)] : removeListItems(lx, braceAt, close, items, new Set([idx]))),
      });
    });
  };
  switch (lang) {
    case 'javascript': case 'typescript': {
      each(/^[ \t]*import[ \t]+(?:type[ \t]+)?\{[^}]*\}[ \t]*from[ \t]*['"][^'"]+['"][ \t]*;?/gm, (m) =>
        braced(m, m.index + m[0].indexOf('{'), (s) => s.replace(/^type\s+/, '').split(/\s+as\s+/).pop()!.trim()));
      each(/^[ \t]*(?:const|let|var)[ \t]+\{[^}]*\}[ \t]*=[ \t]*require\([ \t]*['"][^'"]+['"][ \t]*\)[ \t]*;?/gm, (m) =>
        braced(m, m.index + m[0].indexOf('{'), (s) => s.split(':').pop()!.trim()));
      each(/^[ \t]*import[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]*['"][^'"]+['"][ \t]*;?/gm, (m) => {
        const s = m.index + m[0].search(/\S/); const e = m.index + m[0].length;
        out.push({ name: m[1], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      each(/^[ \t]*(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*=[ \t]*require\([ \t]*['"][^'"]+['"][ \t]*\)[ \t]*;?/gm, (m) => {
        const s = m.index + m[0].search(/\S/); const e = m.index + m[0].length;
        out.push({ name: m[1], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      break;
    }
    case 'java': case 'kotlin':
      each(/^[ \t]*import[ \t]+(?:static[ \t]+)?([\w.]+)\.([A-Za-z_]\w*)(?:[ \t]+as[ \t]+(\w+))?[ \t]*;?[ \t]*$/gm, (m) => {
        const s = m.index + m[0].search(/\S/); const e = m.index + m[0].length;
        out.push({ name: m[3] ?? m[2], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      break;
    case 'go': {
      const one = (alias: string | undefined, path: string, s: number, e: number) => {
        const name = alias ?? path.split('/').filter((p) => !/^v\d+$/.test(p)).pop()!.replace(/-/g, '_');
        out.push({ name, stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      };
      each(/^[ \t]*import[ \t]+(?:(\w+)[ \t]+)?"([^"]+)"[ \t]*$/gm, (m) => one(m[1], m[2], m.index + m[0].search(/\S/), m.index + m[0].length));
      each(/^[ \t]*import[ \t]*\(/gm, (m) => {
        const open = m.index + m[0].length - 1;
        const close = matchClose(lx, open);
        if (close < 0) return;
        const body = text.slice(open + 1, close);
        const re = /^[ \t]*(?:(\w+)[ \t]+)?"([^"]+)"[ \t]*$/gm;
        let mm: RegExpExecArray | null;
        while ((mm = re.exec(body))) one(mm[1], mm[2], open + 1 + mm.index + mm[0].search(/\S/), open + 1 + mm.index + mm[0].length);
      });
      break;
    }
    case 'rust':
      each(/^[ \t]*use[ \t]+([\w:]+)::([A-Za-z_]\w*)[ \t]*;/gm, (m) => {
        const s = m.index + m[0].search(/\S/); const e = m.index + m[0].length;
        out.push({ name: m[2], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      each(/^[ \t]*use[ \t]+[\w:]+::\{[^}]*\}[ \t]*;/gm, (m) =>
        braced(m, m.index + m[0].indexOf('{'), (s) => s.split(/\s+as\s+/).pop()!.split('::').pop()!.trim()));
      break;
    case 'php':
      each(/^[ \t]*use[ \t]+([\w\\]+)\\([A-Za-z_]\w*)(?:[ \t]+as[ \t]+(\w+))?[ \t]*;/gm, (m) => {
        const s = m.index + m[0].search(/\S/); const e = m.index + m[0].length;
        out.push({ name: m[3] ?? m[2], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      break;
    case 'python':
      each(/^from[ \t]+[\w.]+[ \t]+import[ \t]+([\w, \t]+)$/gm, (m) => {
        const s = m.index; const e = m.index + m[0].length;
        const names = m[1].split(',').map((x) => x.trim()).filter(Boolean);
        for (const n of names) {
          const local = n.split(/\s+as\s+/).pop()!;
          out.push({
            name: local, stmtStart: s, stmtEnd: e,
            remove: () => {
              if (names.length === 1) return [deleteStatement(text, s, e)];
              const listStart = s + m[0].indexOf(m[1]);
              return [{ start: listStart, end: e, newText: names.filter((x) => x !== n).join(', ') }];
            },
          });
        }
      });
      each(/^import[ \t]+([\w.]+)[ \t]*$/gm, (m) => {
        const s = m.index; const e = m.index + m[0].length;
        out.push({ name: m[1].split('.')[0], stmtStart: s, stmtEnd: e, remove: () => [deleteStatement(text, s, e)] });
      });
      break;
    default:
  }
  return out;
}

/**
 * Edits removing imports whose names were referenced inside `removed` ranges and are referenced nowhere else
 * (outside the removed ranges and outside import statements). Pre-existing unused imports are left alone.
 */
export function removeUnusedImports(lx: Lexed, lang: LanguageFamily, removed: Array<[number, number]>): TextEdit[] {
  const imports = listImports(lx, lang);
  const edits: TextEdit[] = [];
  const seen = new Set<string>();
  const groups = new Map<number, { imp: ImportedName; remove: Set<number> }>();
  for (const imp of imports) {
    if (seen.has(imp.name)) continue;
    const refs = identifierRefs(lx, imp.name, lang === 'go' || lang === 'rust' || lang === 'python').filter((r) => !imports.some((i) => r >= i.stmtStart && r < i.stmtEnd));
    const goRefs = lang === 'go' ? refs.filter((r) => lx.text[r + imp.name.length] === '.') : refs;
    const relevant = lang === 'go' ? goRefs : refs;
    if (!relevant.some((r) => inRanges(r, removed))) continue;
    if (relevant.some((r) => !inRanges(r, removed))) continue;
    seen.add(imp.name);
    if (imp.group) {
      const g = groups.get(imp.group.open) ?? { imp, remove: new Set<number>() };
      g.remove.add(imp.group.idx);
      groups.set(imp.group.open, g);
    } else edits.push(...imp.remove());
  }
  for (const { imp, remove } of groups.values()) {
    const g = imp.group!;
    if (remove.size === g.items.length) edits.push(deleteStatement(lx.text, imp.stmtStart, imp.stmtEnd));
    else if (lang === 'rust' && g.items.length - remove.size === 1) {
      // `use a::{B, C};` minus C  ->  `use a::B;`
      const keep = g.items.find((_, i) => !remove.has(i))!;
      const close = g.close;
      edits.push({ start: g.open, end: close + 1, newText: lx.text.slice(keep.start, keep.end) });
    } else edits.push(...removeListItems(lx, g.open, g.close, g.items, remove));
  }
  return edits;
}
