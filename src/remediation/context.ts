/** Shared analysis of where a finding sits: its literal, the declaration or key holding it, enclosing names. */
import type { Finding } from '../engine/types';
import type { LanguageFamily } from './types';
import { lex, literalAt, type Lexed, type StringLiteral } from '../syntax/lexer';
import { enclosingChain, lineEnd, lineStart } from './syntax/brackets';
import { deriveNames, type DerivedNames } from './naming';

interface Declaration {
  name: string;
  /** Start of the statement (first non-blank of its line) and end (after the terminator, if any). */
  start: number;
  end: number;
  /** Text before the name, e.g. `export const `, `private static final String `. */
  modifiers: string;
  /** Assignment operator used (`=`, `:=`). */
  op: string;
  /** True when assigning a member (`self.x = …`) rather than declaring a name. */
  member: boolean;
}

export interface Site {
  lang: LanguageFamily;
  text: string;
  lx: Lexed;
  finding: Finding;
  literal: StringLiteral;
  /** The finding covers the literal's whole content. */
  whole: boolean;
  decl?: Declaration;
  key?: string;
  ownerHints: string[];
  names: DerivedNames;
}

const DECL_RE = /^([ \t]*)((?:[\w<>[\]?,.&'*]+[ \t]+)*?)(\$?[A-Za-z_][\w]*)[ \t]*(?::[ \t]*[^=;\n]+?)?[ \t]*(:=|=)[ \t]*$/;

function findDeclaration(text: string, lit: StringLiteral, lang: LanguageFamily, lx?: Lexed): Declaration | undefined {
  const ls = lineStart(text, lit.start);
  const prefix = text.slice(ls, lit.start);
  const after = text.slice(lit.end, lineEnd(text, lit.end));
  const tail = /^[ \t]*(;)?[ \t]*(?:(?:\/\/|#).*)?\r?$/.exec(after);
  if (!tail) return undefined;
  const end = lit.end + (tail[1] ? after.indexOf(';') + 1 : 0);
  let m = DECL_RE.exec(prefix);
  let member = false;
  if (!m) {
    const mm = /^([ \t]*)((?:self|this|@|\$this->)[.]?)([A-Za-z_]\w*)[ \t]*(=)[ \t]*$/.exec(prefix)
      ?? /^([ \t]*)(@)([A-Za-z_]\w*)[ \t]*(=)[ \t]*$/.exec(prefix);
    if (!mm) {
      if (lang === 'go') {
        const g = /^([ \t]*)(var[ \t]+)([A-Za-z_]\w*)[ \t]+[\w.*[\]]+[ \t]*(=)[ \t]*$/.exec(prefix);
        if (g) return { name: g[3], start: ls + g[1].length, end, modifiers: g[2], op: '=', member: false };
      }
      return undefined;
    }
    m = mm;
    member = true;
  }
  const modifiers = m[2];
  if (/\.$/.test(modifiers)) member = true;
  // Without a declaring keyword/type this is an assignment to something declared elsewhere (DSL property, field).
  const needsKeyword = ['javascript', 'typescript', 'kotlin', 'rust', 'java', 'csharp', 'terraform'].includes(lang);
  if (!modifiers.trim() && (needsKeyword || (lang === 'go' && m[4] === '='))) member = true;
  if (lang === 'go' && member && !modifiers.trim() && lx) {
    const open = enclosingChain(lx, lit.start)[0];
    if (open !== undefined && text[open] === '(' && /\b(const|var)\s*$/.test(text.slice(Math.max(0, open - 10), open))) member = false;
  }
  return { name: m[3], start: ls + m[1].length, end, modifiers, op: m[4], member };
}

/** Key name directly owning the literal: `key: "…"`, `"key": "…"`, `'key' => '…'`, `key="…"`, `.key("…")`. */
export function keyBefore(text: string, at: number): string | undefined {
  const before = text.slice(Math.max(0, at - 200), at);
  const m = /(["']?)([\w$.-]+)\1[ \t]*(?::|=>|=(?!=))\s*$/.exec(before);
  if (m && !/[=!<>]=\s*$/.test(before)) return m[2];
  const tuple = /(?:\(|,)\s*(["'])([\w.-]+)\1\s*,\s*$/.exec(before);
  if (tuple) return tuple[2];
  const b = /\.(\w+)\(\s*$/.exec(before);
  if (b) return /^(set|with)[A-Z]/.test(b[1]) ? b[1].replace(/^(set|with)/, '').replace(/^./, (c) => c.toLowerCase()) : b[1];
  return undefined;
}

function ownerHints(lx: Lexed, at: number): string[] {
  const out: string[] = [];
  const text = lx.text;
  for (const open of enclosingChain(lx, at).slice(0, 4)) {
    const before = text.slice(Math.max(0, open - 200), open);
    const call = /([A-Za-z_$][\w$.:]*)\s*$/.exec(before);
    if (call && (text[open] === '(' || text[open] === '{')) {
      const name = call[1].replace(/::/g, '.');
      if (!/^(new|return|if|for|while|function|fn|def|await|async)$/.test(name)) out.push(name);
    }
    const labels = /"([\w-]+)"\s*(?:"([\w-]+)")?\s*$/.exec(before);
    if (labels && text[open] === '{') out.push(...[labels[1], labels[2]].filter((x): x is string => !!x));
    const assign = /([A-Za-z_$][\w$]*)["']?[ \t]*(?::|=|=>|:=)[ \t]*(?:new[ \t]+[\w.]+\s*\(?\s*|[\w.]+\(\s*)?$/.exec(before);
    if (assign) out.push(assign[1]);
  }
  return out;
}

export function analyzeSite(text: string, lang: LanguageFamily, finding: Finding, lx = lex(text, lang), path?: string): Site | undefined {
  const literal = literalAt(lx, finding.startOffset, finding.endOffset);
  if (!literal) return undefined;
  const whole = finding.startOffset <= literal.contentStart && finding.endOffset >= literal.contentEnd;
  const decl = findDeclaration(text, literal, lang, lx);
  const key = keyBefore(text, literal.start);
  const hints = ownerHints(lx, literal.start);
  const pkg = /^(?:package|namespace)\s+([\w.]+)/m.exec(text)?.[1]?.split('.').pop();
  if (pkg) hints.push(pkg);
  if (path) { const base = path.replace(/\\/g, '/').split('/').pop()!.replace(/\..*$/, ''); if (/^[A-Za-z_]\w*$/.test(base)) hints.push(base); }
  const names = deriveNames({
    kind: finding.kind, declName: decl && !decl.member ? decl.name : undefined,
    key: decl?.member ? decl.name : decl ? undefined : key, ownerHints: hints,
  });
  return { lang, text, lx, finding, literal, whole, decl, key, ownerHints: hints, names };
}
