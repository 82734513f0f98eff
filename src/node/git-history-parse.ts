/**
 * Streaming parser for `git log -p -U0` output in the format git-history.ts asks for. Pure (no I/O): fed
 * decoded text chunks, it emits one `AddedText` per file per commit holding only the ADDED lines, each
 * mapped to its line number in the new file. Memory is bounded by one file diff (and capped by `maxBytes`).
 *
 * Hunk bodies are consumed by the line counts of their `@@ -a,b +c,d @@` header, so an added line that
 * itself looks like a header (`+++ x`, `diff --git`, a commit marker) is never mistaken for one.
 */
import { unquoteGitPath } from './git';

/** Starts every commit header line; git-history.ts passes the matching `--format`. */
const COMMIT_MARK = '\x01';
/** `--format` for `git log`: marker, full sha, ISO 8601 author date, committer unix time, "Name <email>". */
export const LOG_FORMAT = `--format=${'%x01'}%H${'%x01'}%aI${'%x01'}%ct${'%x01'}%an <%ae>`;

export interface CommitMeta {
  sha: string;
  /** ISO 8601 author date (strict, with offset). */
  date: string;
  /** "Name <email>". */
  author: string;
  /** Committer date, unix seconds: orders commits (it follows ancestry, unlike author dates of rebased work). */
  commitTime: number;
}

export interface AddedText {
  commit: CommitMeta;
  /** Path in the new tree, relative to the repository top level, '/'-separated. */
  path: string;
  /** The added lines joined by '\n'; blank filler lines separate hunks that are not adjacent. */
  text: string;
  /** New-file line number of each line of `text` (0 for filler lines). */
  lineNumbers: number[];
  bytes: number;
  /** Set when the added text exceeded `maxBytes`: `text` is then empty. */
  skipped?: string;
}

/**
 * Filler lines between non-adjacent hunks: enough that rules needing a nearby finding (an AWS secret key
 * within 5 lines of its key id) never pair lines that are far apart in the file.
 */
const HUNK_GAP = 6;

type State = 'outside' | 'header' | 'hunk';

export class GitPatchParser {
  private held: string[] = [];
  private heldLength = 0;
  /** The line being completed was cut at the size limit. */
  private truncated = false;
  private state: State = 'outside';
  private commit: CommitMeta | undefined;
  private path: string | undefined;
  private lines: string[] = [];
  private numbers: number[] = [];
  private bytes = 0;
  private oldLeft = 0;
  private newLeft = 0;
  private newLine = 0;
  private lastNew = 0;
  commits = 0;

  constructor(
    private readonly onFile: (f: AddedText) => void,
    private readonly maxBytes = Number.MAX_SAFE_INTEGER,
    /** Called for each commit header (progress). */
    private readonly onCommit?: (c: CommitMeta) => void,
  ) {}

  push(chunk: string): void {
    let nl = chunk.indexOf('\n');
    if (nl === -1) return this.hold(chunk);
    this.hold(chunk.slice(0, nl));
    this.line(this.takeHeld());
    let start = nl + 1;
    for (;;) {
      nl = chunk.indexOf('\n', start);
      if (nl === -1) break;
      this.line(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) this.hold(chunk.slice(start));
  }

  end(): void {
    if (this.heldLength) this.line(this.takeHeld());
    this.flushFile();
  }

  /**
   * Keeps the unfinished last line of a chunk. A line longer than the size limit (a minified bundle, a data
   * file) is not kept whole: its start still classifies it, and its file diff is then skipped by size.
   */
  private hold(part: string): void {
    if (this.truncated) return;
    this.held.push(part);
    this.heldLength += part.length;
    if (this.heldLength > this.maxBytes) {
      this.held = [this.held.join('').slice(0, 256)];
      this.truncated = true;
    }
  }

  private takeHeld(): string {
    const s = this.held.length === 1 ? this.held[0] : this.held.join('');
    this.held = [];
    this.heldLength = 0;
    return s;
  }

  private line(line: string): void {
    const truncated = this.truncated;
    this.truncated = false;
    if (truncated && this.state === 'hunk' && line.charCodeAt(0) === 43) {
      this.bytes = this.maxBytes; // the cut line alone reaches the limit: its file diff is skipped
    }
    if (this.state === 'hunk') {
      const c = line.charCodeAt(0);
      if (c === 43 /* + */) {
        this.added(line.slice(1));
        this.newLeft--;
      } else if (c === 45 /* - */) {
        this.oldLeft--;
      } else if (c === 32 /* context (not produced by -U0, but harmless) */) {
        this.oldLeft--;
        this.newLeft--;
        this.newLine++;
      } else if (c !== 92 /* \ No newline at end of file */) {
        this.state = 'header';
        return this.line(line);
      }
      if (this.oldLeft <= 0 && this.newLeft <= 0) this.state = 'header';
      return;
    }
    if (line.charCodeAt(0) === 1) {
      this.flushFile();
      const [, sha, date, time, author] = line.split(COMMIT_MARK);
      this.commit = { sha: sha ?? '', date: date ?? '', author: author ?? '', commitTime: Number(time) || 0 };
      this.commits++;
      this.onCommit?.(this.commit);
      this.state = 'outside';
      return;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.flushFile();
      this.state = 'header';
      return;
    }
    if (this.state !== 'header') return;
    if (line.startsWith('+++ ')) {
      const p = unquoteGitPath(line.slice(4).replace(/\t$/, ''));
      this.path = p === '/dev/null' ? undefined : p.startsWith('b/') ? p.slice(2) : p;
    } else if (line.startsWith('@@')) {
      const m = /^@@+ (?:-\d+(?:,(\d+))? )+\+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) return;
      this.oldLeft = m[1] === undefined ? 1 : Number(m[1]);
      this.newLine = Number(m[2]);
      this.newLeft = m[3] === undefined ? 1 : Number(m[3]);
      if (this.oldLeft > 0 || this.newLeft > 0) this.state = 'hunk';
    }
  }

  private added(content: string): void {
    if (this.path === undefined) {
      this.newLine++;
      return;
    }
    const n = this.newLine++;
    this.bytes += content.length + 1;
    if (this.bytes > this.maxBytes) {
      this.lines.length = 0;
      this.numbers.length = 0;
      return;
    }
    if (this.numbers.length && n !== this.lastNew + 1) {
      for (let i = Math.min(HUNK_GAP, n - this.lastNew - 1); i > 0; i--) {
        this.lines.push('');
        this.numbers.push(0);
      }
    }
    this.lines.push(content);
    this.numbers.push(n);
    this.lastNew = n;
  }

  private flushFile(): void {
    if (this.path !== undefined && this.commit && this.bytes > 0) {
      const skipped = this.bytes > this.maxBytes ? `added text larger than ${Math.round(this.maxBytes / 1024)} KB` : undefined;
      this.onFile({
        commit: this.commit,
        path: this.path,
        text: skipped ? '' : this.lines.join('\n'),
        lineNumbers: skipped ? [] : this.numbers,
        bytes: this.bytes,
        skipped,
      });
    }
    this.path = undefined;
    this.lines = [];
    this.numbers = [];
    this.bytes = 0;
    this.lastNew = 0;
  }
}
