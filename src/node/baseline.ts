/**
 * `.credential-hygiene-baseline.json`: accepted findings, checked into the repository.
 *
 * An entry is (file, rule, content fingerprint); the fingerprint is a one-way hash of rule + secret, so the
 * file holds no secret and no line numbers: inserting lines above a finding, or moving it within its file,
 * keeps it baselined; changing the secret or renaming the file does not. Entries are sorted and written one
 * per line so that two branches adding entries rarely conflict, and a conflict is trivial to resolve.
 */
import path from 'node:path';
import { ConfigError, JsonDoc } from './config-schema';
import { NotRegularFileError, readRegularFile } from './read-regular';

export const BASELINE_FILE = '.credential-hygiene-baseline.json';

export interface BaselineEntry {
  /** Path relative to the baseline file's directory, `/`-separated. */
  file: string;
  ruleId: string;
  fingerprint: string;
  /** Free text kept across updates (why it is accepted). */
  note?: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

const ENTRY_KEYS = ['file', 'ruleId', 'fingerprint', 'note'];
const FINGERPRINT = /^[0-9a-f]{32}$/;

/** Parses a baseline; throws `ConfigError` (file:line:col, key, problem). */
export function parseBaseline(text: string, file: string): Baseline {
  const doc = new JsonDoc(text.replace(/^\uFEFF/, ''), file);
  let version: number | undefined;
  let entries: BaselineEntry[] | undefined;
  for (const [key, value, keyNode] of doc.props(doc.root, '')) {
    if (key === 'version') {
      version = doc.num(value, 'version', 1, 1);
    } else if (key === 'entries') {
      entries = doc.items(value, 'entries').map((n, i) => {
        const k = `entries[${i}]`;
        const e: Partial<BaselineEntry> = {};
        for (const [ek, ev, ekn] of doc.props(n, k)) {
          if (!ENTRY_KEYS.includes(ek)) throw doc.unknownKey(ekn, `${k}.${ek}`, ENTRY_KEYS);
          e[ek as keyof BaselineEntry] = doc.str(ev, `${k}.${ek}`, ek !== 'note');
        }
        for (const req of ['file', 'ruleId', 'fingerprint'] as const) {
          if (e[req] === undefined) throw doc.error(n.offset, k, `missing required key '${req}'`);
        }
        if (!FINGERPRINT.test(e.fingerprint!)) throw doc.error(n.offset, `${k}.fingerprint`, 'expected 32 lower-case hex digits');
        return e as BaselineEntry;
      });
    } else if (key !== 'tool' && key !== '$comment') {
      throw doc.unknownKey(keyNode, key, ['version', 'entries']);
    }
  }
  if (version === undefined) throw doc.error(doc.root.offset, 'version', "missing required key 'version' (1)");
  return { version: 1, entries: entries ?? [] };
}

/** Reads a baseline file; undefined when it does not exist. Throws `ConfigError` when it is malformed. */
export async function readBaseline(file: string): Promise<Baseline | undefined> {
  let text: string;
  try {
    text = await readRegularFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // A FIFO, a directory or a link to /dev/stdin would block or fail obscurely: one clear message instead.
    if (e instanceof NotRegularFileError) throw new ConfigError(file, 1, 1, '', `${e.what}, not a regular file`);
    throw new ConfigError(file, 1, 1, '', `cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parseBaseline(text, file);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable text: sorted, de-duplicated, one entry per line, trailing newline. */
export function formatBaseline(b: Baseline): string {
  const seen = new Set<string>();
  const entries = [...b.entries].sort(compareEntries).filter((e) => {
    const k = keyOf(e.file, e.ruleId, e.fingerprint);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const lines = entries.map((e) => '    ' + JSON.stringify(e.note ? e : { file: e.file, ruleId: e.ruleId, fingerprint: e.fingerprint }));
  return `{\n  "version": 1,\n  "tool": "credential-hygiene",\n  "entries": [\n${lines.join(',\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

function keyOf(file: string, ruleId: string, fingerprint: string): string {
  return `${file}\0${ruleId}\0${fingerprint}`;
}

/** Lookup of baseline entries during a scan; remembers which entries matched so stale ones can be listed. */
export class BaselineIndex {
  private readonly entries = new Map<string, BaselineEntry>();
  private readonly used = new Set<string>();

  constructor(
    readonly baseline: Baseline,
    /** Absolute directory of the baseline file; entry paths are relative to it. */
    readonly dir: string,
    /** Display path of the baseline file. */
    readonly file: string,
  ) {
    for (const e of baseline.entries) this.entries.set(keyOf(e.file, e.ruleId, e.fingerprint), e);
  }

  /** Entry path for an absolute file path. */
  relative(absFile: string): string {
    return path.relative(this.dir, absFile).split(path.sep).join('/');
  }

  /** True (and marks the entry used) when the finding is baselined. */
  match(relFile: string, ruleId: string, fingerprint: string): boolean {
    const k = keyOf(relFile, ruleId, fingerprint);
    if (!this.entries.has(k)) return false;
    this.used.add(k);
    return true;
  }

  /** Entries no finding matched, among those `inScope` (the files this run looked at). */
  unused(inScope: (relFile: string) => boolean): BaselineEntry[] {
    return [...this.entries]
      .filter(([k, e]) => !this.used.has(k) && inScope(e.file))
      .map(([, e]) => e)
      .sort(compareEntries);
  }
}

/**
 * A new baseline: entries for files inside the scanned scope are replaced by `found` (notes kept for entries
 * that survive); entries outside the scope are kept as they were.
 */
export function updateBaseline(
  old: Baseline | undefined,
  found: BaselineEntry[],
  inScope: (relFile: string) => boolean,
): { baseline: Baseline; added: number; removed: number } {
  const before = old?.entries ?? [];
  const notes = new Map(before.filter((e) => e.note).map((e) => [keyOf(e.file, e.ruleId, e.fingerprint), e.note]));
  const kept = before.filter((e) => !inScope(e.file));
  const fresh = found.map((e) => ({ ...e, note: notes.get(keyOf(e.file, e.ruleId, e.fingerprint)) }));
  const oldKeys = new Set(before.map((e) => keyOf(e.file, e.ruleId, e.fingerprint)));
  const entries = new Map([...kept, ...fresh].map((e) => [keyOf(e.file, e.ruleId, e.fingerprint), e] as const));
  const newKeys = new Set(entries.keys());
  return {
    baseline: { version: 1, entries: [...entries.values()].sort(compareEntries) },
    added: [...newKeys].filter((k) => !oldKeys.has(k)).length,
    removed: [...oldKeys].filter((k) => !newKeys.has(k)).length,
  };
}

