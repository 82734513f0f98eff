/** Shared vocabulary of the engine. Pure data: no I/O, no `vscode`. */

export const FINDING_KINDS = [
  'aws-access-key-id', 'aws-secret-access-key', 'aws-session-token', 'github-token', 'gitlab-token',
  'slack-token', 'slack-webhook', 'stripe-key', 'google-api-key', 'sendgrid-key', 'npm-token', 'twilio-key',
  'private-key', 'jwt', 'db-connection-string', 'basic-auth-url', 'generic-password', 'generic-api-key',
  'k8s-secret-data', 'azure-key', 'other-provider-token',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export type Severity = 'error' | 'warning' | 'info';

/** One declarative detection rule. Built-in rules use JS RegExp written to be linear; custom rules use re2js. */
export interface RuleSpec {
  id: string;
  kind: FindingKind;
  severity: Severity;
  /** Human title, e.g. "GitHub personal access token". Never contains a secret. */
  title: string;
  description: string;
  /** Lower-case literals; the rule runs only where one occurs (prefilter). Empty = the rule never runs. */
  keywords: string[];
  /**
   * Pattern applied to a window of lines around each keyword hit. Must not use the `g`/`y` flags
   * (the engine adds `g`). The secret is the named group `secret` (or the whole match).
   */
  pattern: RegExp;
  /** Minimum Shannon entropy (bits/char) of the secret. */
  entropy?: number;
  /** Structural/checksum check on the secret; return false to drop the candidate. */
  validate?: (secret: string, ctx: MatchContext) => boolean;
  /** Regexes tested against the secret; a match drops the candidate (documented example values etc.). */
  allow?: RegExp[];
  /** Lower-case substrings; a secret containing one is dropped. */
  stopwords?: string[];
  /** Apply the shared placeholder / reference filters (env lookups, templates, `changeme`…). Default false. */
  placeholderFilter?: boolean;
  /** Needs a file-level context regex somewhere in the text (e.g. `kind: Secret`). */
  fileContext?: RegExp;
  /** Extra lines around a keyword hit the pattern may span (multi-line rules). Default 0. */
  spanLines?: number;
  /**
   * `identifier`: the match starts at the identifier containing a keyword hit (assignment-style rules whose
   * name holds the keyword). The pattern is then tried once per hit instead of at every position of a line.
   */
  anchor?: 'identifier';
  /**
   * Speed hint for `anchor: 'identifier'` patterns that begin with a name `[A-Za-z_$@][\w$.-]*` followed by a
   * separator: the separator part of the pattern. It is tried (sticky) right after the identifier's
   * `[\w$.-]` run, and the whole pattern runs only where it matches, which skips most identifiers in dense code
   * (`credentials.get(`, `sessionToken;`). Contract: the separator never starts with a `[\w$.-]` character, so
   * a name always ends where that run ends; it is never a filter of its own.
   */
  separatorAfterName?: RegExp;
  /**
   * Cheaper hint in front of `separatorAfterName`: a plain function that looks at the few characters after the
   * name and says whether the separator could match there. It must never say no where the separator matches (it
   * over-approximates); an identifier it rules out (`credentials)`, `token;`, `secret.length`) costs no regex.
   */
  separatorMayStart?: (text: string, at: number) => boolean;
  /**
   * Speed hint for identifier-anchored rules: every match starting at an identifier contains `literal`, ending
   * within `chars` characters of that start (`==` closing a fixed-length base64 key). Where the literal does not
   * occur that close, the pattern is not tried. Never a filter of its own: it must hold for every match.
   */
  literalWithin?: { literal: string; chars: number };
  /**
   * Speed hint for window rules (not identifier-anchored): every match holds an occurrence of one of the rule's
   * keywords followed by `literal`, ending within `chars` characters of that keyword's end (`@` after `://` in a
   * URL with credentials). A keyword hit without the literal that close opens no window. Never a filter of its own.
   */
  literalAfterKeyword?: { literal: string; chars: number };
  /**
   * Speed hint for window rules: a sticky pattern that matches at the end of some keyword occurrence in the window
   * of everything the rule can report (Mailgun's `key-` followed by 32 hex digits; an AWS key id for a secret that
   * must have one nearby). A keyword hit where it does not match opens no window. Never a filter of its own.
   */
  keywordShape?: RegExp;
  /** Only report when another rule's finding (by kind) sits within `withinLines` lines, unless `namedPattern` matched. */
  requiresNearby?: { kinds: FindingKind[]; withinLines: number };
  /** Add structured, non-secret facts to the message (e.g. decoded AWS account id). */
  describe?: (secret: string) => string | undefined;
  examples: { positive: string[]; negative: string[] };
}

export interface Position { line: number; column: number } // both 1-based; column counts UTF-16 units

export interface Finding {
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  message: string;
  start: Position;
  /** Exclusive end (column points just past the last character of the secret). */
  end: Position;
  /** 0-based UTF-16 offsets of the secret in the scanned text. */
  startOffset: number;
  endOffset: number;
  /** First 4 characters then `…`. */
  secretMasked: string;
  /** sha256 of rule id + secret, hex, first 32 chars. Stable across edits and moves. */
  fingerprint: string;
  /** Outcome of an opt-in live check (`scan --verify`); never set by a scan. */
  verification?: Verification;
}

/** Whether a key pair authenticates (STS GetCallerIdentity): plain data, no secret. */
export interface Verification {
  status: 'active' | 'invalid' | 'error';
  arn?: string;
  account?: string;
  /** Why the check failed (error code or network failure). */
  reason?: string;
}

export interface MatchContext {
  /** Full text being scanned (read-only). */
  text: string;
  /** Full regex match and the offset where it starts. */
  match: string;
  matchOffset: number;
  /** Named groups of the match (e.g. `name` for assignment rules). */
  groups: Record<string, string | undefined>;
  path?: string;
  languageId?: string;
}

export interface ScanOptions {
  path?: string;
  languageId?: string;
  /** Restrict to these kinds. */
  kinds?: FindingKind[];
  /** Only these rule ids (plus nothing else). */
  onlyRules?: string[];
  /** Rule ids to skip. */
  disabledRules?: string[];
  /** Extra rules (e.g. custom rules from a trusted config). */
  extraRules?: RuleSpec[];
  /**
   * Custom rules as plain data (they cross `postMessage` to scan workers). The engine compiles them with a
   * linear-time regex engine (re2js) and caches the result, so a workspace regex can never hang a scan.
   */
  customRules?: CustomRuleDef[];
}

/** A rule defined in data (project config `customRules`). Serialisable: no RegExp, no functions. */
export interface CustomRuleDef {
  /** Lower-case, hyphenated (`acme-api-token`); must not collide with a built-in id. */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  description?: string;
  /** Literals routed by the prefilter (matched case-insensitively). */
  keywords: string[];
  /** RE2 syntax. The secret is the named group `secret` (`(?P<secret>…)` or `(?<secret>…)`), else the whole match. */
  pattern: string;
  entropy?: number;
  examples?: { positive?: string[]; negative?: string[] };
}

/** Lines of the new text touched by an edit; 1-based, inclusive, plus the line-count delta it caused. */
export interface LineChange {
  startLine: number;
  /** Last changed line in the NEW text. */
  endLine: number;
  /** newLineCount - oldLineCount. */
  lineDelta: number;
}
