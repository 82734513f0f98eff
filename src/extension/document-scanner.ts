/**
 * As-you-type scanning of open documents (saved or untitled).
 *
 * - Open: full scan. Small documents are scanned in the extension host; larger ones (> IN_HOST_FULL_SCAN_CHARS)
 *   go to the worker pool so opening a big file never blocks the host.
 * - Change: `scanIncremental` over the edited lines only, computed from `contentChanges`, in the host.
 *   Documents above `backgroundScanAboveKB` (or minified) are rescanned in the worker pool, debounced, and a newer edit
 *   aborts the stale scan. Documents above `skipFileSizeKB` are skipped with a visible notice.
 * - Close: findings dropped (kept as disk findings when a workspace scan covered the file and it was saved).
 */
import * as vscode from 'vscode';
import { scan, scanIncremental, type Finding } from '../engine';
import type { FindingsStore } from './findings-store';
import type { Logger } from './log';
import type { PoolHolder } from './pool';
import type { ScanContext } from './scan-context';

/** Full scans of documents up to this many UTF-16 units run in the host; bigger ones go to a worker. */
const IN_HOST_FULL_SCAN_CHARS = 64 * 1024;
/** Average line length above which a document counts as minified (always handled off-thread). */
const MINIFIED_AVG_LINE = 1000;

/** Schemes of documents users edit. Others (output, git, diff views…) would only duplicate diagnostics. */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-userdata', 'vscode-notebook-cell', 'vscode-vfs']);

/** Settings that change what a scan of an open document produces (others only change how it is shown). */
const SCAN_SETTINGS = ['enable', 'exclude', 'kinds', 'severity', 'scanOn', 'backgroundScanAboveKB', 'maxFileSizeKB', 'skipFileSizeKB'];

interface DocState {
  version: number;
  /** Engine findings for `version` (after contributor filters); undefined until the first scan lands. */
  findings: Finding[] | undefined;
  timer?: ReturnType<typeof setTimeout>;
  abort?: AbortController;
}

export type Mode = 'host' | 'worker' | 'skip';

export class DocumentScanner implements vscode.Disposable {
  private readonly states = new Map<string, DocState>();
  private readonly subs: vscode.Disposable[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private notifiedSkip = false;
  /** Last full/incremental scan time in ms, per mode, for the log. */
  stats = { hostScans: 0, incrementalScans: 0, workerScans: 0, skipped: 0, lastChangeMs: 0 };

  constructor(
    private readonly store: FindingsStore,
    private readonly ctx: ScanContext,
    private readonly pool: PoolHolder,
    private readonly log: Logger,
  ) {}

  start(): void {
    const ws = vscode.workspace;
    this.subs.push(
      ws.onDidOpenTextDocument((d) => this.scanFull(d, 'open')),
      ws.onDidChangeTextDocument((e) => this.onChange(e)),
      ws.onDidSaveTextDocument((d) => {
        if (this.ctx.settings.for(d.uri).scanOn === 'save') this.scanFull(d, 'save');
      }),
      ws.onDidCloseTextDocument((d) => this.onClose(d)),
      this.ctx.onDidChange(() => this.rescanAll('contributors/trust changed')),
      this.ctx.settings.onDidChange((e) => {
        for (const d of ws.textDocuments) {
          if (SCAN_SETTINGS.some((k) => e.affectsConfiguration(`credentialHygiene.${k}`, d.uri))) this.scanFull(d, 'settings');
        }
      }),
    );
    this.rescanAll('startup');
  }

  static handles(doc: vscode.TextDocument): boolean {
    return SCHEMES.has(doc.uri.scheme);
  }

  rescanAll(reason: string): void {
    for (const d of vscode.workspace.textDocuments) this.scanFull(d, reason);
  }

  /** Resolves when no scan is queued or running (tests and the workspace scan summary use it). */
  async whenIdle(): Promise<void> {
    while (this.inflight.size > 0 || [...this.states.values()].some((s) => s.timer)) {
      await Promise.race([...this.inflight, new Promise((r) => setTimeout(r, 20))]);
    }
  }

  modeFor(doc: vscode.TextDocument, text: string): Mode {
    const s = this.ctx.settings.for(doc.uri);
    if (text.length > s.skipFileSizeKB * 1024) return 'skip';
    if (text.length > s.maxFileSizeKB * 1024) return 'worker';
    if (text.length > 64 * 1024 && text.length / Math.max(1, doc.lineCount) > MINIFIED_AVG_LINE) return 'worker';
    return 'host';
  }

  scanFull(doc: vscode.TextDocument, reason: string): void {
    if (!DocumentScanner.handles(doc)) return;
    const key = doc.uri.toString();
    const st = this.cancel(key) ?? { version: doc.version, findings: undefined };
    this.states.set(key, st);
    if (!this.ctx.isScanned(doc.uri)) {
      st.version = doc.version;
      st.findings = [];
      this.store.setDocument(doc.uri, doc.version, []);
      return;
    }
    const text = doc.getText();
    const mode = this.modeFor(doc, text);
    if (mode === 'skip') return this.skip(doc, st, text.length);
    if (mode === 'host' && text.length <= IN_HOST_FULL_SCAN_CHARS) {
      this.commit(doc, st, doc.version, this.run(doc, () => scan(text, this.ctx.optionsFor(doc.uri, doc.languageId)), text));
      return;
    }
    this.scanInWorker(doc, st, text, reason === 'change' ? this.ctx.settings.for(doc.uri).debounceMs : 0);
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const doc = e.document;
    if (!DocumentScanner.handles(doc) || e.contentChanges.length === 0) return;
    const t0 = performance.now();
    try {
      this.handleChange(e, doc);
    } finally {
      this.stats.lastChangeMs = performance.now() - t0;
    }
  }

  private handleChange(e: vscode.TextDocumentChangeEvent, doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const st = this.states.get(key);
    const s = this.ctx.settings.for(doc.uri);
    if (s.scanOn === 'save' && doc.uri.scheme !== 'untitled') return; // scanned on save; untitled buffers cannot be saved in place
    if (!this.ctx.isScanned(doc.uri)) return;
    const text = doc.getText();
    const mode = this.modeFor(doc, text);
    // Incremental needs findings for exactly the previous version.
    if (mode !== 'host' || !st || st.findings === undefined || st.version !== doc.version - 1 || st.abort || st.timer) {
      if (mode === 'skip') return this.skip(doc, this.cancel(key) ?? { version: doc.version, findings: undefined }, text.length);
      if (mode === 'host' && text.length <= IN_HOST_FULL_SCAN_CHARS) return this.scanFull(doc, 'change');
      const cur = this.cancel(key) ?? { version: doc.version, findings: undefined };
      this.states.set(key, cur);
      return this.scanInWorker(doc, cur, text, s.debounceMs);
    }
    let first = Number.MAX_SAFE_INTEGER;
    let last = -1;
    let lineDelta = 0;
    let charDelta = 0;
    for (const c of e.contentChanges) {
      first = Math.min(first, c.range.start.line);
      last = Math.max(last, c.range.end.line);
      lineDelta += countNewlines(c.text) - (c.range.end.line - c.range.start.line);
      charDelta += c.text.length - c.rangeLength;
    }
    const change = {
      startLine: first + 1,
      endLine: Math.max(first + 1, last + lineDelta + 1),
      lineDelta,
      charDelta,
      offset: doc.offsetAt(new vscode.Position(first, 0)),
    };
    const previous = st.findings;
    const findings = this.run(doc, () => scanIncremental(text, previous, change, this.ctx.optionsFor(doc.uri, doc.languageId)), text);
    this.stats.incrementalScans++;
    this.commit(doc, st, doc.version, findings);
  }

  private run(doc: vscode.TextDocument, fn: () => Finding[], text: string): Finding[] {
    try {
      this.stats.hostScans++;
      return this.ctx.filter(doc.uri, fn(), text);
    } catch (err) {
      this.log.error(`scan failed for ${describe(doc)}`, err);
      return [];
    }
  }

  private scanInWorker(doc: vscode.TextDocument, st: DocState, text: string, delayMs: number): void {
    const key = doc.uri.toString();
    const version = doc.version;
    const go = () => {
      st.timer = undefined;
      const abort = new AbortController();
      st.abort = abort;
      const opts = this.ctx.workerOptionsFor(doc.uri, doc.languageId);
      const started = Date.now();
      const p = this.pool
        .get()
        .then((pool) => pool.scanText(text, opts, abort.signal))
        .then(
          (raw) => {
            if (abort.signal.aborted || this.states.get(key) !== st) return;
            st.abort = undefined;
            this.stats.workerScans++;
            this.log.debug(`worker scan of ${describe(doc)} (${Math.round(text.length / 1024)} KB) took ${Date.now() - started} ms`);
            if (doc.isClosed) return;
            this.commit(doc, st, version, this.ctx.filter(doc.uri, raw, text));
            // Edits arrived while the worker ran: the result is for an older version; scan again.
            if (doc.version !== version) this.scanFull(doc, 'change');
          },
          (err) => {
            if (abort.signal.aborted) return;
            st.abort = undefined;
            this.log.error(`worker scan failed for ${describe(doc)}`, err);
          },
        )
        .finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    };
    if (delayMs > 0) st.timer = setTimeout(go, delayMs);
    else go();
  }

  private skip(doc: vscode.TextDocument, st: DocState, chars: number): void {
    const kb = Math.round(chars / 1024);
    const limit = this.ctx.settings.for(doc.uri).skipFileSizeKB;
    this.states.set(doc.uri.toString(), st);
    st.version = doc.version;
    st.findings = undefined;
    const reason = `not scanned: ${kb} KB is above credentialHygiene.skipFileSizeKB (${limit} KB)`;
    if (this.store.getDocument(doc.uri)?.skipped !== reason) {
      this.stats.skipped++;
      this.log.warn(`${describe(doc)} ${reason}`);
      this.store.setDocument(doc.uri, doc.version, [], reason);
      if (!this.notifiedSkip) {
        this.notifiedSkip = true;
        void vscode.window
          .showInformationMessage(`Credential Hygiene did not scan ${baseName(doc)} (${kb} KB): it is larger than the size limit.`, 'Open Settings')
          .then((pick) => pick && vscode.commands.executeCommand('workbench.action.openSettings', 'credentialHygiene.skipFileSizeKB'));
      }
    }
  }

  private commit(doc: vscode.TextDocument, st: DocState, version: number, findings: Finding[]): void {
    st.version = version;
    st.findings = findings;
    this.store.setDocument(doc.uri, version, findings);
  }

  private cancel(key: string): DocState | undefined {
    const st = this.states.get(key);
    if (!st) return undefined;
    if (st.timer) clearTimeout(st.timer);
    st.timer = undefined;
    st.abort?.abort();
    st.abort = undefined;
    return st;
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const st = this.cancel(key);
    this.states.delete(key);
    // A saved file that a workspace scan covered keeps its (up-to-date) findings in the Problems panel.
    if (st?.findings && !doc.isDirty && this.store.getDisk(doc.uri) && st.version === doc.version) {
      this.store.setDisk(doc.uri, st.findings);
    }
    this.store.deleteDocument(doc.uri);
  }

  /** Drops all live state (the Clear command); the next edit or open scans from scratch. */
  reset(): void {
    for (const k of [...this.states.keys()]) this.cancel(k);
    this.states.clear();
  }

  dispose(): void {
    this.reset();
    this.subs.forEach((d) => d.dispose());
  }
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

function baseName(doc: vscode.TextDocument): string {
  return doc.uri.path.split('/').pop() || doc.uri.toString();
}

/** A document's name for the log: workspace-relative path or the untitled name. Never content. */
function describe(doc: vscode.TextDocument): string {
  return doc.isUntitled ? doc.uri.path : vscode.workspace.asRelativePath(doc.uri, true);
}
