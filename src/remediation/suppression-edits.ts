/**
 * Where an ignore comment can go, as plain text edits: "Ignore on this line" and "Ignore in this file" for any
 * editor adapter (the VS Code extension, the language server). Pure: no I/O, no `vscode`.
 *
 * A same-line comment is used where the language allows a trailing comment there; otherwise an `…-next-line`
 * comment goes on its own line above. Neither is offered where it would land inside a string (multi-line
 * strings, YAML block scalars) or break a line continuation, and nothing is offered for formats without comments
 * (JSON): the baseline is the way there.
 */
import type { Finding } from '../engine/types';
import { commentSyntaxFor, ignoreCommentFor, type DirectiveScope } from '../engine/suppress';
import { detectLanguage } from './language';
import { lex } from '../syntax/lexer';
import type { TextEdit } from './types';

/** Placeholder inserted after `--`: editors select it so the user types the reason over it. */
export const REASON_PLACEHOLDER = '<reason>';

export interface SuppressionEdit {
  scope: DirectiveScope;
  title: string;
  edit: TextEdit;
  /** 0-based line the comment is on after the edit (where the reason placeholder is). */
  line: number;
}

export interface SuppressionInput {
  text: string;
  languageId?: string;
  path?: string;
}

/** Languages the remediation lexer understands (strings, comments), so "inside a string" can be answered. */
const LEXED = new Set(['javascript', 'typescript', 'python', 'java', 'kotlin', 'go', 'csharp', 'php', 'rust', 'ruby', 'terraform']);

interface Analysis {
  text: string;
  lang: string;
  /** Line start offsets; a sentinel `text.length + 1` closes the last line. */
  starts: number[];
  eol: string;
  /** [start, end) of string literals spanning lines. */
  strings: { start: number; end: number }[];
  yaml: boolean;
  markdown: boolean;
}

/** The language key `ignoreCommentFor` understands: the languageId when it has a comment syntax, else the path. */
function commentLanguageOf(languageId: string | undefined, path: string | undefined): string | undefined {
  if (languageId && commentSyntaxFor(languageId)) return languageId;
  if (path && commentSyntaxFor(path)) return path;
  return undefined;
}

function analyse(input: SuppressionInput, lang: string): Analysis {
  const { text } = input;
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  starts.push(text.length + 1);
  const fam = detectLanguage(input.languageId, input.path);
  let strings: { start: number; end: number }[] = [];
  if (LEXED.has(fam)) {
    try {
      strings = lex(text, fam).strings.filter((s) => {
        const nl = text.indexOf('\n', s.start);
        return nl !== -1 && nl < s.end;
      });
    } catch {
      strings = [];
    }
  }
  const yaml = /^(yaml|dockercompose|github-actions-workflow)$/.test(input.languageId ?? '') || /\.ya?ml$/i.test(input.path ?? '');
  const markdown = /^(markdown|mdx)$/.test(input.languageId ?? '') || /\.(md|mdx|markdown)$/i.test(input.path ?? '');
  return { text, lang, starts, eol: text.includes('\r\n') ? '\r\n' : '\n', strings, yaml, markdown };
}

const lineCount = (a: Analysis): number => a.starts.length - 1;
/** Line `n` (0-based) without its line break. */
function lineText(a: Analysis, n: number): string {
  return a.text.slice(a.starts[n], a.starts[n + 1] - 1).replace(/\r$/, '');
}
const lineEnd = (a: Analysis, n: number): number => a.starts[n] + lineText(a, n).length;

const insideString = (a: Analysis, offset: number): boolean => a.strings.some((s) => s.start < offset && offset < s.end);
const endsWithContinuation = (line: string): boolean => /\\\s*$/.test(line);

/** Whether line `n` is content of a YAML block scalar (`key: |` / `key: >` above, less indented). */
function inYamlBlock(a: Analysis, n: number): boolean {
  const indent = (s: string): number => s.length - s.trimStart().length;
  let want = indent(lineText(a, n));
  for (let i = n - 1; i >= 0 && want > 0; i--) {
    const t = lineText(a, i);
    if (!t.trim()) continue;
    const ind = indent(t);
    if (ind >= want) continue;
    if (/:\s*[|>][0-9+-]*\s*(#.*)?$/.test(t) || /^\s*-\s*[|>][0-9+-]*\s*$/.test(t)) return true;
    want = ind;
  }
  return false;
}

function trailingOk(a: Analysis, n: number): boolean {
  if (endsWithContinuation(lineText(a, n))) return false;
  if (a.yaml && inYamlBlock(a, n)) return false;
  return !insideString(a, lineEnd(a, n));
}

function lineAboveOk(a: Analysis, n: number): boolean {
  if (n > 0 && endsWithContinuation(lineText(a, n - 1))) return false;
  if (a.yaml && inYamlBlock(a, n)) return false;
  return !insideString(a, a.starts[n]);
}

/** The "Ignore on this line" edit for a finding, or undefined where no comment can be placed safely. */
export function lineIgnoreEdit(input: SuppressionInput, f: Finding, reason = REASON_PLACEHOLDER): SuppressionEdit | undefined {
  const lang = commentLanguageOf(input.languageId, input.path);
  if (!lang) return undefined;
  const a = analyse(input, lang);
  const same = ignoreCommentFor(lang, f.ruleId, 'line', { reason });
  if (same) {
    const lines = f.end.line !== f.start.line ? [f.end.line - 1, f.start.line - 1] : [f.start.line - 1];
    for (const n of lines) {
      if (n >= lineCount(a) || !trailingOk(a, n)) continue;
      const t = lineText(a, n);
      const sep = t.length === 0 || /\s$/.test(t) ? '' : ' ';
      const at = lineEnd(a, n);
      return { scope: 'line', title: `Ignore ${f.ruleId} on this line`, edit: { start: at, end: at, newText: `${sep}${same}` }, line: n };
    }
  }
  const above = ignoreCommentFor(lang, f.ruleId, 'next-line', { reason });
  const n = f.start.line - 1;
  if (above && n < lineCount(a) && lineAboveOk(a, n)) {
    const indent = /^\s*/.exec(lineText(a, n))![0];
    const at = a.starts[n];
    return { scope: 'next-line', title: `Ignore ${f.ruleId} on this line (comment above)`, edit: { start: at, end: at, newText: `${indent}${above}${a.eol}` }, line: n };
  }
  return undefined;
}

/** Line (0-based) where an `ignore-file` comment goes: below Markdown front matter, a shebang, `<?php`, `<?xml`. */
function headerLine(a: Analysis): number {
  const count = lineCount(a);
  if (a.markdown && count > 1 && lineText(a, 0) === '---') {
    for (let i = 1; i < Math.min(count, 9); i++) if (lineText(a, i) === '---') return i + 1;
  }
  let n = 0;
  while (n < Math.min(count, 3)) {
    const t = lineText(a, n);
    if (n === 0 && (t.startsWith('#!') || /^\s*<\?(php|xml)\b/i.test(t))) n++;
    else if (/^#.*coding[:=]/.test(t)) n++;
    else break;
  }
  return n;
}

/** The "Ignore in this file" edit for a finding's rule, or undefined for formats without comments. */
export function fileIgnoreEdit(input: SuppressionInput, f: Finding, reason = REASON_PLACEHOLDER): SuppressionEdit | undefined {
  const lang = commentLanguageOf(input.languageId, input.path);
  const comment = lang && ignoreCommentFor(lang, f.ruleId, 'file', { reason });
  if (!lang || !comment) return undefined;
  const a = analyse(input, lang);
  const n = headerLine(a);
  const title = `Ignore ${f.ruleId} in this file`;
  if (n >= lineCount(a)) {
    const at = input.text.length;
    return { scope: 'file', title, edit: { start: at, end: at, newText: `${a.eol}${comment}` }, line: lineCount(a) };
  }
  const at = a.starts[n];
  return { scope: 'file', title, edit: { start: at, end: at, newText: `${comment}${a.eol}` }, line: n };
}
