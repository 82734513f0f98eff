/**
 * Loading `.credential-hygiene.json` files. A config applies to its directory's subtree; nested configs refine
 * their parents (see policy.ts for how a chain is combined). Lookup stops at the project root (the git
 * work tree, else the directory the command runs in).
 */
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig, type ProjectConfig } from './config-schema';
import { NotRegularFileError, readRegularFile } from './read-regular';

export { ConfigError, type ProjectConfig } from './config-schema';
export const CONFIG_FILE = '.credential-hygiene.json';

export interface LoadConfigOptions {
  /** False in an untrusted workspace: custom rules are not loaded. Default true. */
  trusted?: boolean;
}

/** The config file in `dir` (not its parents), or undefined when there is none. Throws `ConfigError`. */
export async function loadConfig(dir: string, opts: LoadConfigOptions = {}): Promise<ProjectConfig | undefined> {
  const abs = path.resolve(dir);
  const file = path.join(abs, CONFIG_FILE);
  let text: string;
  try {
    // Most directories hold no config: a synchronous existence check spares each one a thread-pool round trip,
    // which a whole-tree scan pays once per directory.
    if (!statSync(file, { throwIfNoEntry: false })) return undefined;
    text = await readRegularFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (e instanceof NotRegularFileError) throw new ConfigError(displayPath(file), 1, 1, '', `${e.what}, not a regular file`);
    throw new ConfigError(displayPath(file), 1, 1, '', `cannot read (${code ?? 'error'})`);
  }
  return parseConfig(text.replace(/^\uFEFF/, ''), displayPath(file), abs, opts);
}

/** Paths in messages: relative to the working directory when below it. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** The nearest ancestor of `start` (inclusive) holding `.git`, or undefined outside a repository. */
export async function findGitRoot(start: string): Promise<string | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    try {
      await fs.stat(path.join(dir, '.git'));
      return dir;
    } catch {
      /* keep climbing */
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * Resolves the chain of configs that applies to a directory (outermost first), from `root` down. Each
 * directory is read once; concurrent lookups share the same promise.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<ProjectConfig | undefined>>();
  private readonly chains = new Map<string, Promise<ProjectConfig[]>>();
  readonly root: string;

  constructor(
    root: string,
    private readonly opts: LoadConfigOptions = {},
  ) {
    this.root = path.resolve(root);
  }

  configIn(dir: string): Promise<ProjectConfig | undefined> {
    let p = this.byDir.get(dir);
    if (!p) this.byDir.set(dir, (p = loadConfig(dir, this.opts)));
    return p;
  }

  /** Configs for files in `dir` (absolute), outermost first. Directories outside `root` get only their own. */
  chainFor(dir: string): Promise<ProjectConfig[]> {
    const abs = path.resolve(dir);
    let p = this.chains.get(abs);
    if (!p) {
      p = (async () => {
        const rel = path.relative(this.root, abs);
        const inside = !rel.startsWith('..') && !path.isAbsolute(rel);
        const parent = inside && rel !== '' ? await this.chainFor(path.dirname(abs)) : [];
        const own = await this.configIn(abs);
        return own ? [...parent, own] : parent;
      })();
      this.chains.set(abs, p);
    }
    return p;
  }

  /** Every config loaded so far (for the union of custom rules a scan must run). */
  async loaded(): Promise<ProjectConfig[]> {
    const all = await Promise.all(this.byDir.values());
    return all.filter((c): c is ProjectConfig => !!c);
  }
}
