/**
 * Validation of `.credential-hygiene.json` (JSON with comments). Every problem becomes one `ConfigError` naming
 * the file, the line/column and the key path, e.g.
 *   .credential-hygiene.json:7:5: rules.aws-acess-key-id: unknown rule id
 * Pure (no fs): the extension validates buffers with it too.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { FINDING_KINDS, ruleById, type CustomRuleDef, type FindingKind, type Severity } from '../engine';
import { compileRe2, compileCustomRule, CustomRuleError } from '../engine/custom-rules';
import { scan } from '../engine';

type RuleSetting = 'off' | { severity: Severity };

/** One parsed config file. Globs are relative to `dir`. */
export interface ProjectConfig {
  /** Path of the file (as it was found). */
  file: string;
  /** Absolute directory the file applies to (its subtree). */
  dir: string;
  exclude: string[];
  include: string[];
  rules: Record<string, RuleSetting>;
  allow: { hashes: string[]; patterns: string[] };
  stopwords: string[];
  customRules: CustomRuleDef[];
  /** Custom rules present in the file but not loaded because the workspace is not trusted. */
  skippedCustomRules: number;
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number,
    /** Dotted key path (`customRules[0].pattern`), or '' for the whole document. */
    readonly key: string,
    readonly problem: string,
  ) {
    super(`${file}:${line}:${column}: ${key ? `${key}: ` : ''}${problem}`);
  }
}

const PARSE_PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'invalid symbol',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' (or a missing closing bracket)",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the end of the document',
  InvalidCommentToken: 'invalid comment',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character',
};

/** A parsed JSONC document with helpers that turn node offsets into `file:line:col` errors. */
export class JsonDoc {
  readonly root: Node;
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    const errors: ParseError[] = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length || !root) {
      const e = errors[0];
      const code = e ? printParseErrorCode(e.error) : 'ValueExpected';
      throw this.error(e ? e.offset : 0, '', `malformed JSON: ${PARSE_PROBLEMS[code] ?? code}`);
    }
    this.root = root;
  }

  position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  error(offset: number, key: string, problem: string): ConfigError {
    const { line, column } = this.position(offset);
    return new ConfigError(this.file, line, column, key, problem);
  }

  /** Properties of an object node, or an error naming `key`. */
  props(node: Node, key: string): [string, Node, Node][] {
    if (node.type !== 'object') throw this.error(node.offset, key, `expected an object, got ${describe(node)}`);
    return (node.children ?? []).map((p) => [p.children![0].value as string, p.children![1], p.children![0]]);
  }

  items(node: Node, key: string): Node[] {
    if (node.type !== 'array') throw this.error(node.offset, key, `expected an array, got ${describe(node)}`);
    return node.children ?? [];
  }

  str(node: Node, key: string, nonEmpty = true): string {
    if (node.type !== 'string') throw this.error(node.offset, key, `expected a string, got ${describe(node)}`);
    if (nonEmpty && !(node.value as string).trim()) throw this.error(node.offset, key, 'must not be empty');
    return node.value as string;
  }

  strings(node: Node, key: string): string[] {
    return this.items(node, key).map((n, i) => this.str(n, `${key}[${i}]`));
  }

  num(node: Node, key: string, min: number, max: number): number {
    if (node.type !== 'number') throw this.error(node.offset, key, `expected a number, got ${describe(node)}`);
    const v = node.value as number;
    if (v < min || v > max) throw this.error(node.offset, key, `must be between ${min} and ${max}`);
    return v;
  }

  unknownKey(keyNode: Node, path: string, allowed: readonly string[]): ConfigError {
    const name = keyNode.value as string;
    const hint = closest(name, allowed);
    return this.error(keyNode.offset, path, `unknown key '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${allowed.join(', ')}`);
  }
}

function describe(node: Node): string {
  return node.type === 'null' ? 'null' : `${node.type === 'array' || node.type === 'object' ? 'an' : 'a'} ${node.type}`;
}

/** Nearest allowed name by edit distance, for typo hints. */
function closest(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = editDistance(name.toLowerCase(), a.toLowerCase());
    if (d < bestD) [best, bestD] = [a, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const TOP_KEYS = ['$schema', 'exclude', 'include', 'rules', 'allow', 'stopwords', 'customRules'] as const;
const ALLOW_KEYS = ['hashes', 'patterns'] as const;
const RULE_KEYS = ['id', 'kind', 'severity', 'title', 'description', 'keywords', 'pattern', 'entropy', 'examples'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
/** Custom rule ids: lower-case and hyphenated, like built-in ones, so inline ignores can name them. */
const CUSTOM_RULE_ID = /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/;
const HASH = /^sha256:[0-9a-f]{64}$/;

export interface ParseConfigOptions {
  /** Untrusted workspaces: custom rules are validated for syntax only and not loaded. Default true. */
  trusted?: boolean;
}

/** Parses and validates one config file's text; throws `ConfigError`. */
export function parseConfig(text: string, file: string, dir: string, opts: ParseConfigOptions = {}): ProjectConfig {
  const doc = new JsonDoc(text, file);
  const cfg: ProjectConfig = {
    file,
    dir,
    exclude: [],
    include: [],
    rules: {},
    allow: { hashes: [], patterns: [] },
    stopwords: [],
    customRules: [],
    skippedCustomRules: 0,
  };
  const props = doc.props(doc.root, '');
  let rulesNode: Node | undefined;
  for (const [key, value, keyNode] of props) {
    switch (key) {
      case '$schema':
        doc.str(value, key);
        break;
      case 'exclude':
      case 'include':
        cfg[key] = doc.strings(value, key);
        break;
      case 'stopwords':
        cfg.stopwords = doc.strings(value, key).map((s) => s.toLowerCase());
        break;
      case 'allow':
        for (const [k, v, kn] of doc.props(value, key)) {
          if (k === 'hashes') {
            cfg.allow.hashes = doc.items(v, 'allow.hashes').map((n, i) => {
              const h = doc.str(n, `allow.hashes[${i}]`).toLowerCase();
              if (!HASH.test(h)) throw doc.error(n.offset, `allow.hashes[${i}]`, "expected 'sha256:' followed by 64 hex digits (the sha256 of the value)");
              return h;
            });
          } else if (k === 'patterns') {
            cfg.allow.patterns = doc.items(v, 'allow.patterns').map((n, i) => {
              const p = doc.str(n, `allow.patterns[${i}]`);
              try {
                compileRe2(p);
              } catch (e) {
                throw doc.error(n.offset, `allow.patterns[${i}]`, (e as Error).message);
              }
              return p;
            });
          } else throw doc.unknownKey(kn, `allow.${k}`, ALLOW_KEYS);
        }
        break;
      case 'customRules':
        cfg.customRules = doc.items(value, key).map((n, i) => parseCustomRule(doc, n, `customRules[${i}]`));
        break;
      case 'rules':
        rulesNode = value; // validated after custom rules, which it may name
        break;
      default:
        throw doc.unknownKey(keyNode, key, TOP_KEYS);
    }
  }
  const ids = new Set<string>();
  cfg.customRules.forEach((r, i) => {
    if (ids.has(r.id)) throw doc.error(doc.items(props.find(([k]) => k === 'customRules')![1], '')[i].offset, `customRules[${i}].id`, `duplicate id '${r.id}'`);
    ids.add(r.id);
  });
  if (rulesNode) {
    for (const [id, v, kn] of doc.props(rulesNode, 'rules')) {
      const key = `rules.${id}`;
      if (!ruleById(id) && !ids.has(id)) throw doc.error(kn.offset, key, `unknown rule id '${id}' (run 'credential-hygiene rules' for the list)`);
      if (v.type === 'string') {
        if (v.value !== 'off') throw doc.error(v.offset, key, `expected "off" or { "severity": "error" | "warning" | "info" }`);
        cfg.rules[id] = 'off';
      } else {
        let severity: Severity | undefined;
        for (const [k, sv, skn] of doc.props(v, key)) {
          if (k !== 'severity') throw doc.unknownKey(skn, `${key}.${k}`, ['severity']);
          const s = doc.str(sv, `${key}.severity`) as Severity;
          if (!SEVERITIES.includes(s)) throw doc.error(sv.offset, `${key}.severity`, `expected one of ${SEVERITIES.join(', ')}`);
          severity = s;
        }
        if (!severity) throw doc.error(v.offset, key, 'expected "off" or { "severity": … }');
        cfg.rules[id] = { severity };
      }
    }
  }
  if (opts.trusted === false && cfg.customRules.length) {
    cfg.skippedCustomRules = cfg.customRules.length;
    cfg.customRules = [];
  }
  return cfg;
}

function parseCustomRule(doc: JsonDoc, node: Node, key: string): CustomRuleDef {
  const fields = new Map<string, [Node, Node]>();
  for (const [k, v, kn] of doc.props(node, key)) {
    if (!(RULE_KEYS as readonly string[]).includes(k)) throw doc.unknownKey(kn, `${key}.${k}`, RULE_KEYS);
    fields.set(k, [v, kn]);
  }
  const need = (k: string): Node => {
    const f = fields.get(k);
    if (!f) throw doc.error(node.offset, key, `missing required key '${k}'`);
    return f[0];
  };
  const id = doc.str(need('id'), `${key}.id`);
  if (!CUSTOM_RULE_ID.test(id)) throw doc.error(need('id').offset, `${key}.id`, `'${id}' must be lower-case words joined by '-' (e.g. 'acme-api-token')`);
  if (ruleById(id)) throw doc.error(need('id').offset, `${key}.id`, `'${id}' is a built-in rule id; pick another`);
  const def: CustomRuleDef = {
    id,
    kind: 'other-provider-token',
    severity: 'warning',
    title: doc.str(need('title'), `${key}.title`),
    keywords: doc.strings(need('keywords'), `${key}.keywords`),
    pattern: doc.str(need('pattern'), `${key}.pattern`),
  };
  if (def.keywords.length === 0) throw doc.error(need('keywords').offset, `${key}.keywords`, 'needs at least one keyword (the rule only runs where one occurs)');
  const opt = (k: string): Node | undefined => fields.get(k)?.[0];
  if (opt('kind')) {
    const kind = doc.str(opt('kind')!, `${key}.kind`) as FindingKind;
    if (!FINDING_KINDS.includes(kind)) throw doc.error(opt('kind')!.offset, `${key}.kind`, `unknown kind '${kind}'; expected one of ${FINDING_KINDS.join(', ')}`);
    def.kind = kind;
  }
  if (opt('severity')) {
    const s = doc.str(opt('severity')!, `${key}.severity`) as Severity;
    if (!SEVERITIES.includes(s)) throw doc.error(opt('severity')!.offset, `${key}.severity`, `expected one of ${SEVERITIES.join(', ')}`);
    def.severity = s;
  }
  if (opt('description')) def.description = doc.str(opt('description')!, `${key}.description`);
  if (opt('entropy')) def.entropy = doc.num(opt('entropy')!, `${key}.entropy`, 0, 8);
  let examplesNode: Node | undefined;
  if ((examplesNode = opt('examples'))) {
    def.examples = {};
    for (const [k, v, kn] of doc.props(examplesNode, `${key}.examples`)) {
      if (k !== 'positive' && k !== 'negative') throw doc.unknownKey(kn, `${key}.examples.${k}`, ['positive', 'negative']);
      def.examples[k] = doc.strings(v, `${key}.examples.${k}`);
    }
  }
  try {
    compileCustomRule(def);
  } catch (e) {
    const field = e instanceof CustomRuleError ? e.field : 'pattern';
    throw doc.error((opt(field) ?? node).offset, `${key}.${field}`, (e as Error).message);
  }
  checkExamples(doc, def, examplesNode, key);
  return def;
}

/** Like built-in rules, a custom rule's examples are its tests: positives must be found, negatives must not. */
function checkExamples(doc: JsonDoc, def: CustomRuleDef, node: Node | undefined, key: string): void {
  if (!node || !def.examples) return;
  for (const which of ['positive', 'negative'] as const) {
    (def.examples[which] ?? []).forEach((example, i) => {
      const found = scan(example, { customRules: [def], onlyRules: [def.id] }).length > 0;
      if (found !== (which === 'positive')) {
        const arr = doc.props(node, '').find(([k]) => k === which)![1];
        throw doc.error(arr.children![i].offset, `${key}.examples.${which}[${i}]`, which === 'positive' ? 'is not detected by the rule' : 'is detected by the rule but listed as negative');
      }
    });
  }
}
