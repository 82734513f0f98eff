/**
 * Lexical rules per language, one entry each: comments, string delimiters and — per kind of literal — whether
 * and how it interpolates code. Interpolation decides whether a literal is a constant that a fix may replace
 * whole, so it must follow each language exactly:
 *   JS/TS only template literals (`${}`); Python only f-strings; Ruby `#{}` in "…", `…`, %Q/%W/%I (never '…');
 *   PHP `$x`/`{$x}`/`${x}` in "…" and heredoc (never '…' or nowdoc); Kotlin `$x`/`${}` in "…" and """…""";
 *   C# `{x}` in $"…" / $@"…" (`{{` is a literal brace); shell and env files `$x` in "…" only; Go and Rust none;
 *   Groovy `$x`/`${}` in "…" and """…"""; Terraform `${}`/`%{}` in "…" and heredoc; Java none.
 */

type SyntaxLanguage =
  | 'javascript' | 'typescript' | 'python' | 'java' | 'kotlin' | 'go' | 'csharp' | 'php' | 'rust' | 'ruby'
  | 'terraform' | 'groovy' | 'shell' | 'config';

/** Tests a literal's raw content for interpolation. */
export interface InterpolationRule { test(content: string): boolean }

export interface SyntaxRules {
  lineComments: readonly string[];
  blockComments: boolean;
  rubyBlockComments?: boolean;
  /** PHP `#[Attribute]` is code, not a comment. */
  hashAttributes?: boolean;
  /** Shell: `#` starts a comment only at the start of a word (`a#b` is one word). */
  hashAtWordStart?: boolean;
  /** `'`: a string, a one-character literal (`'x'`; in Rust also a lifetime), or plain code. */
  single: 'string' | 'char' | 'none';
  singleEscapes: boolean;
  /** `` ` ``: JS template, Go raw string, shell/Ruby command (escapes), or code. */
  backtick: 'template' | 'raw' | 'command' | 'none';
  /** `"""…"""`: absent, raw (Kotlin, C# 11) or with escapes (Python, Java, Groovy). */
  tripleDouble?: 'raw' | 'escapes';
  tripleSingle?: boolean;
  /** "…" and '…' may span lines (PHP, Ruby, Rust, shell). */
  multilineStrings: boolean;
  pythonPrefixes?: boolean;
  csharpPrefixes?: boolean;
  rustRaw?: boolean;
  jsRegex?: boolean;
  heredoc?: 'php' | 'hcl';
  percentLiterals?: boolean;
  interpolation: {
    double?: InterpolationRule;
    single?: InterpolationRule;
    backtick?: InterpolationRule;
    tripleDouble?: InterpolationRule;
    tripleSingle?: InterpolationRule;
    /** Literals whose prefix makes them interpolate: Python f"…", C# $"…". */
    prefixed?: InterpolationRule;
  };
}

const DOLLAR_BRACE = /\$\{/;
const DOLLAR_NAME_OR_BRACE = /\$[{A-Za-z_]/;
const RUBY = /#\{/;
const PHP = /\$[A-Za-z_{]|\{\$/;
const HCL = /\$\{|%\{/;
/** `{expr}` where `{{` is an escaped brace (Python f-strings, C# interpolated strings). */
const SINGLE_BRACE = { test: (s: string) => s.replace(/\{\{|\}\}/g, '').includes('{') };

const C_LIKE = { lineComments: ['//'], blockComments: true, singleEscapes: true, multilineStrings: false } as const;

const SYNTAX_RULES: Record<SyntaxLanguage, SyntaxRules> = {
  javascript: { ...C_LIKE, single: 'string', backtick: 'template', jsRegex: true, interpolation: { backtick: DOLLAR_BRACE } },
  typescript: { ...C_LIKE, single: 'string', backtick: 'template', jsRegex: true, interpolation: { backtick: DOLLAR_BRACE } },
  python: {
    lineComments: ['#'], blockComments: false, single: 'string', singleEscapes: true, backtick: 'none',
    tripleDouble: 'escapes', tripleSingle: true, multilineStrings: false, pythonPrefixes: true,
    interpolation: { prefixed: SINGLE_BRACE },
  },
  java: { ...C_LIKE, single: 'char', backtick: 'none', tripleDouble: 'escapes', interpolation: {} },
  kotlin: {
    ...C_LIKE, single: 'char', backtick: 'none', tripleDouble: 'raw',
    interpolation: { double: DOLLAR_NAME_OR_BRACE, tripleDouble: DOLLAR_NAME_OR_BRACE },
  },
  groovy: {
    ...C_LIKE, single: 'string', backtick: 'none', tripleDouble: 'escapes', tripleSingle: true,
    interpolation: { double: DOLLAR_NAME_OR_BRACE, tripleDouble: DOLLAR_NAME_OR_BRACE },
  },
  go: { ...C_LIKE, single: 'char', backtick: 'raw', interpolation: {} },
  csharp: { ...C_LIKE, single: 'char', backtick: 'none', tripleDouble: 'raw', csharpPrefixes: true, interpolation: { prefixed: SINGLE_BRACE } },
  rust: { ...C_LIKE, single: 'char', backtick: 'none', multilineStrings: true, rustRaw: true, interpolation: {} },
  php: {
    lineComments: ['//', '#'], blockComments: true, hashAttributes: true, single: 'string', singleEscapes: true,
    backtick: 'command', multilineStrings: true, heredoc: 'php',
    interpolation: { double: PHP, backtick: PHP },
  },
  ruby: {
    lineComments: ['#'], blockComments: false, rubyBlockComments: true, single: 'string', singleEscapes: true,
    backtick: 'command', multilineStrings: true, percentLiterals: true,
    interpolation: { double: RUBY, backtick: RUBY },
  },
  terraform: {
    lineComments: ['#', '//'], blockComments: true, single: 'none', singleEscapes: true, backtick: 'none',
    multilineStrings: false, heredoc: 'hcl', interpolation: { double: HCL },
  },
  shell: {
    lineComments: ['#'], blockComments: false, hashAtWordStart: true, single: 'string', singleEscapes: false,
    backtick: 'command', multilineStrings: true, interpolation: { double: DOLLAR_NAME_OR_BRACE, backtick: DOLLAR_NAME_OR_BRACE },
  },
  /** Env files, YAML, INI, Dockerfiles, properties: `#` comments, '…' literal, "…" may reference `${VAR}`. */
  config: {
    lineComments: ['#'], blockComments: false, single: 'string', singleEscapes: true, backtick: 'none',
    multilineStrings: false, interpolation: { double: DOLLAR_NAME_OR_BRACE },
  },
};

const ALIASES: Record<string, SyntaxLanguage> = {
  javascriptreact: 'javascript', typescriptreact: 'typescript', vue: 'javascript', svelte: 'javascript',
  hcl: 'terraform', shellscript: 'shell', bash: 'shell', sh: 'shell', zsh: 'shell',
};

/** The lexical rules for a remediation family, a report language or a VS Code language id (unknown: `config`). */
function syntaxOf(language: string): SyntaxLanguage {
  if (Object.prototype.hasOwnProperty.call(SYNTAX_RULES, language)) return language as SyntaxLanguage;
  return ALIASES[language] ?? 'config';
}

export function rulesFor(language: string): SyntaxRules {
  return SYNTAX_RULES[syntaxOf(language)];
}
