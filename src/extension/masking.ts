/**
 * On-screen masking of detected secrets (opt-in: `credentialHygiene.maskSecrets`), for screen sharing and demos.
 *
 * How: one editor decoration type that makes the secret's glyphs invisible (`opacity: 0`, transparent colour)
 * over a themed block (`credentialHygiene.maskedSecretBackground`). Widths stay the same, so columns, cursor
 * movement, selection and copy/paste are untouched: only the pixels are hidden. Nothing is injected into the text.
 *
 * No flash when switching tabs (what users of other maskers report): decorations are applied synchronously,
 * inside `onDidChangeVisibleTextEditors` / `onDidChangeActiveTextEditor`, from the findings already in the store:
 * no scan and no `await` between the event and `setDecorations`. A document with no findings in the store yet
 * (opened a moment ago and queued for a worker, too large to scan, or edited since its last scan) gets a
 * synchronous scan of only its visible lines (a few KB: well under a millisecond) so it is masked in the same
 * tick as well; the store's full result replaces it when it lands.
 *
 * Residual limits (VS Code, not this extension, owns them; see README "On-screen masking"):
 * - the extension host is a separate process and VS Code drops an editor's decorations when it shows another
 *   document, so after a tab switch the workbench paints the new document before our (immediate) reply arrives:
 *   scripts/screenshot.mjs measured 4-6 frames (~80 ms) with the key visible per tab switch in the test host.
 *   No extension API keeps decorations across tab switches; turn masking on before sharing and keep
 *   secret-bearing files in their own editor group (a group that keeps showing one file is never repainted);
 * - a secret is visible while it is being typed, until it is complete enough to be detected;
 * - other surfaces that render document text are not decorated: minimap (renders blocks, not glyphs, unless
 *   `editor.minimap.renderCharacters`), sticky scroll, find widget input, search results, peek/diff/merge views,
 *   word-based suggestions, other extensions' hovers, Timeline/SCM diffs.
 *
 * Reveal: with `maskSecretsRevealOnHover` (off by default: a hover while sharing would leak), hovering over a
 * masked value unmasks it (the hover itself never contains the value) for a few seconds;
 * the command `credentialHygiene.revealMaskedSecrets` unmasks the active editor until another editor becomes
 * active (run it again to mask again); `credentialHygiene.toggleMasking` switches masking on and off.
 */
import * as vscode from 'vscode';
import { scan, type Finding } from '../engine';
import type { ReadonlyFindingsStore } from './findings-store';
import { revealOnHoverSetting } from './settings';

const MASK_SETTING = 'maskSecrets';
const REVEAL_ON_HOVER_SETTING = 'maskSecretsRevealOnHover';
const TOGGLE_MASKING_COMMAND = 'credentialHygiene.toggleMasking';
const REVEAL_MASKED_COMMAND = 'credentialHygiene.revealMaskedSecrets';
/** How long a hover keeps a value unmasked (extended while the text cursor is inside it). */
const HOVER_REVEAL_MS = 5000;
/** Lines scanned above/below the visible ones by the synchronous fallback (multi-line rules look around). */
const WINDOW_MARGIN = 8;
/** Per-line character cap of the fallback (VS Code stops rendering long lines after 10,000 chars by default). */
const MIN_LINE_CAP = 10_000;

type Reason = 'store' | 'window' | 'none';

interface Masked {
  ranges: vscode.Range[];
  fingerprints: string[];
  source: Reason;
}

export class SecretMasker implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    opacity: '0',
    color: 'transparent',
    backgroundColor: new vscode.ThemeColor('credentialHygiene.maskedSecretBackground'),
    borderRadius: '2px',
    // Typing at either edge stays masked until the next scan result.
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly subs: vscode.Disposable[] = [];
  private enabled: boolean;
  /** Documents unmasked by the reveal command (until another editor is active). */
  private readonly revealedDocs = new Set<string>();
  /** Per document: fingerprints unmasked by a hover, with the time they mask again. */
  private readonly hoverRevealed = new Map<string, Map<string, number>>();
  private hoverTimer: ReturnType<typeof setTimeout> | undefined;
  /** What each editor currently shows (test hook and hover lookup). */
  private readonly applied = new WeakMap<vscode.TextEditor, Masked>();
  private readonly enabledEmitter = new vscode.EventEmitter<boolean>();
  readonly onDidChangeEnabled = this.enabledEmitter.event;
  /** Counters for tests and the log. */
  readonly stats = { applies: 0, windowScans: 0, lastApplyMs: 0, maxApplyMs: 0 };

  /** Lasting status bar item while masking is on (issue 16 point 6): the state must be visible while sharing. */
  readonly statusItem = vscode.window.createStatusBarItem('credentialHygiene.masking', vscode.StatusBarAlignment.Right, 101);

  constructor(
    private readonly store: ReadonlyFindingsStore,
    private readonly trusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {
    this.enabled = readEnabled();
    this.statusItem.name = 'Credential Hygiene: secret masking';
    this.statusItem.text = '$(eye-closed) Secrets masked';
    this.statusItem.command = TOGGLE_MASKING_COMMAND;
    this.subs.push(
      this.enabledEmitter,
      this.statusItem,
      this.decoration,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`credentialHygiene.${REVEAL_ON_HOVER_SETTING}`)) this.updateStatus();
      }),
      // Same tick as the workbench's editor change: no scan, no await.
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.applyAll(editors)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        for (const key of [...this.revealedDocs]) if (editor?.document.uri.toString() !== key) this.revealedDocs.delete(key);
        if (editor) this.apply(editor);
        this.applyAll(vscode.window.visibleTextEditors);
      }),
      // Large/skipped documents are masked per screenful: rescan the newly visible lines.
      vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
        if (this.enabled && this.applied.get(e.textEditor)?.source === 'window') this.apply(e.textEditor);
      }),
      store.onDidChange((uris) => {
        if (!this.enabled) return;
        const changed = new Set(uris.map((u) => u.toString()));
        for (const ed of vscode.window.visibleTextEditors) if (changed.has(ed.document.uri.toString())) this.apply(ed);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`credentialHygiene.${MASK_SETTING}`)) this.setEnabled(readEnabled());
      }),
      vscode.languages.registerHoverProvider('*', { provideHover: (doc, pos) => this.hover(doc, pos) }),
      vscode.commands.registerCommand(TOGGLE_MASKING_COMMAND, () => this.toggle()),
      vscode.commands.registerCommand(REVEAL_MASKED_COMMAND, () => this.revealActive()),
    );
    void vscode.commands.executeCommand('setContext', 'credentialHygiene.masking', this.enabled);
    this.updateStatus();
    if (this.enabled) this.applyAll(vscode.window.visibleTextEditors);
  }

  private updateStatus(): void {
    const hover = revealOnHoverSetting(this.trusted());
    const tip = `Credential Hygiene hides detected secret values in editors${hover ? '; hovering over one shows it for a few seconds' : ''}. ` +
      'Not masked: untitled tab titles, the Search view, the find widget, diff and peek views, other extensions. Click to turn masking off.';
    this.statusItem.tooltip = tip;
    this.statusItem.accessibilityInformation = { label: `Secrets masked on screen. ${tip}` };
    if (this.enabled) this.statusItem.show();
    else this.statusItem.hide();
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Test hook: ranges currently masked in an editor. */
  maskedRanges(editor: vscode.TextEditor): vscode.Range[] {
    return this.enabled ? [...(this.applied.get(editor)?.ranges ?? [])] : [];
  }

  /** Test hook: where the current masks of an editor came from. */
  sourceOf(editor: vscode.TextEditor): Reason | undefined {
    return this.applied.get(editor)?.source;
  }

  private setEnabled(on: boolean): void {
    if (on === this.enabled) return;
    this.enabled = on;
    this.revealedDocs.clear();
    this.hoverRevealed.clear();
    void vscode.commands.executeCommand('setContext', 'credentialHygiene.masking', on);
    this.updateStatus();
    this.enabledEmitter.fire(on);
    this.applyAll(vscode.window.visibleTextEditors);
  }

  /** Flips masking at once, then persists it where the effective value comes from. */
  async toggle(): Promise<boolean> {
    const on = !this.enabled;
    this.setEnabled(on);
    const c = vscode.workspace.getConfiguration('credentialHygiene');
    const i = c.inspect<boolean>(MASK_SETTING);
    const target =
      i?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : i?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    try {
      await c.update(MASK_SETTING, on, target);
    } catch {
      // e.g. no workspace folder for the target: the in-memory state still applies for this window
    }
    if (!on) vscode.window.setStatusBarMessage('$(eye) Secret masking off', 2500);
    return on;
  }

  /** Reveal command: unmasks the active editor's document until another editor becomes active; again re-masks. */
  revealActive(): boolean {
    const ed = vscode.window.activeTextEditor;
    if (!ed) return false;
    const key = ed.document.uri.toString();
    const revealed = !this.revealedDocs.has(key);
    if (revealed) this.revealedDocs.add(key);
    else this.revealedDocs.delete(key);
    for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === key) this.apply(e);
    return revealed;
  }

  private applyAll(editors: readonly vscode.TextEditor[]): void {
    for (const ed of editors) this.apply(ed);
  }

  /** Sets the masks of one editor from the store (or a scan of its visible lines). Synchronous by design. */
  apply(editor: vscode.TextEditor): void {
    const t0 = performance.now();
    const doc = editor.document;
    const key = doc.uri.toString();
    let masked: Masked;
    if (!this.enabled || this.revealedDocs.has(key)) masked = { ranges: [], fingerprints: [], source: 'none' };
    else masked = this.compute(editor);
    const hidden = this.hoverRevealed.get(key);
    if (hidden?.size) {
      const keep: vscode.Range[] = [];
      const fps: string[] = [];
      masked.ranges.forEach((r, i) => {
        if (hidden.has(masked.fingerprints[i])) return;
        keep.push(r);
        fps.push(masked.fingerprints[i]);
      });
      masked = { ranges: keep, fingerprints: fps, source: masked.source };
    }
    const before = this.applied.get(editor);
    this.applied.set(editor, masked);
    if (before && before.ranges.length === 0 && masked.ranges.length === 0) return;
    editor.setDecorations(this.decoration, masked.ranges);
    this.stats.applies++;
    this.stats.lastApplyMs = performance.now() - t0;
    this.stats.maxApplyMs = Math.max(this.stats.maxApplyMs, this.stats.lastApplyMs);
  }

  private compute(editor: vscode.TextEditor): Masked {
    const doc = editor.document;
    const entry = this.store.get(doc.uri);
    const ranges: vscode.Range[] = [];
    const fingerprints: string[] = [];
    const seen = new Set<string>();
    const add = (f: Pick<Finding, 'start' | 'end' | 'fingerprint'>, lineShift = 0) => {
      const r = new vscode.Range(f.start.line - 1 + lineShift, f.start.column - 1, f.end.line - 1 + lineShift, f.end.column - 1);
      const k = `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
      if (seen.has(k)) return;
      seen.add(k);
      ranges.push(doc.validateRange(r));
      fingerprints.push(f.fingerprint);
    };
    const fresh = entry && !entry.skipped && (entry.origin === 'disk' ? !doc.isDirty : entry.version === doc.version);
    if (entry) for (const f of entry.findings) add(f);
    if (fresh) return { ranges, fingerprints, source: 'store' };
    // Not scanned yet, skipped (too large) or stale: scan what is on screen, now.
    for (const f of this.scanVisible(editor)) add(f.finding, f.lineShift);
    return { ranges, fingerprints, source: 'window' };
  }

  private scanVisible(editor: vscode.TextEditor): { finding: Finding; lineShift: number }[] {
    const doc = editor.document;
    const visible = editor.visibleRanges.length ? editor.visibleRanges : [new vscode.Range(0, 0, Math.min(doc.lineCount - 1, 80), 0)];
    const stop = vscode.workspace.getConfiguration('editor', doc).get<number>('stopRenderingLineAfter') ?? MIN_LINE_CAP;
    const cap = stop < 0 ? 1_000_000 : Math.max(MIN_LINE_CAP, stop) + 512;
    const out: { finding: Finding; lineShift: number }[] = [];
    for (const vr of visible) {
      const first = Math.max(0, vr.start.line - WINDOW_MARGIN);
      const last = Math.min(doc.lineCount - 1, vr.end.line + WINDOW_MARGIN);
      const lines: string[] = [];
      for (let l = first; l <= last; l++) {
        const t = doc.lineAt(l).text;
        lines.push(t.length > cap ? t.slice(0, cap) : t);
      }
      try {
        this.stats.windowScans++;
        for (const finding of scan(lines.join('\n'), { languageId: doc.languageId, path: doc.uri.path })) out.push({ finding, lineShift: first });
      } catch {
        // the engine never throws on text; if it did, the store's result still arrives later
      }
    }
    return out;
  }

  private hover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    if (!this.enabled) return undefined;
    if (!revealOnHoverSetting(this.trusted())) return undefined;
    const key = doc.uri.toString();
    for (const ed of vscode.window.visibleTextEditors) {
      if (ed.document !== doc) continue;
      const m = this.applied.get(ed);
      const i = m?.ranges.findIndex((r) => r.contains(pos)) ?? -1;
      if (!m || i < 0) continue;
      const range = m.ranges[i];
      let hidden = this.hoverRevealed.get(key);
      if (!hidden) this.hoverRevealed.set(key, (hidden = new Map()));
      hidden.set(m.fingerprints[i], Date.now() + HOVER_REVEAL_MS);
      for (const e of vscode.window.visibleTextEditors) if (e.document === doc) this.apply(e);
      this.scheduleRemask();
      const md = new vscode.MarkdownString(
        `$(eye) **Credential Hygiene**: masked value shown for ${HOVER_REVEAL_MS / 1000} s (while the cursor stays in it). ` +
          'Run *Credential Hygiene: Toggle On-Screen Masking* to turn masking off.',
        true,
      );
      return new vscode.Hover(md, range);
    }
    return undefined;
  }

  private scheduleRemask(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    let next = Infinity;
    for (const m of this.hoverRevealed.values()) for (const t of m.values()) next = Math.min(next, t);
    if (next === Infinity) return;
    this.hoverTimer = setTimeout(() => this.remaskExpired(), Math.max(50, next - Date.now()));
  }

  private remaskExpired(): void {
    this.hoverTimer = undefined;
    const now = Date.now();
    const cursorIn = (key: string): vscode.Range[] =>
      vscode.window.visibleTextEditors
        .filter((e) => e.document.uri.toString() === key)
        .flatMap((e) => e.selections.map((s) => new vscode.Range(s.start, s.end)));
    for (const [key, m] of this.hoverRevealed) {
      const cursors = cursorIn(key);
      const entry = this.store.get(vscode.Uri.parse(key));
      for (const [fp, until] of m) {
        if (until > now) continue;
        const f = entry?.findings.find((x) => x.fingerprint === fp);
        const r = f && new vscode.Range(f.start.line - 1, f.start.column - 1, f.end.line - 1, f.end.column - 1);
        if (r && cursors.some((c) => r.contains(c.start) || r.contains(c.end))) m.set(fp, now + 1000);
        else m.delete(fp);
      }
      if (m.size === 0) this.hoverRevealed.delete(key);
      for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === key) this.apply(e);
    }
    this.scheduleRemask();
  }

  dispose(): void {
    if (this.hoverTimer) clearTimeout(this.hoverTimer);
    this.subs.forEach((d) => d.dispose());
  }
}

function readEnabled(): boolean {
  return vscode.workspace.getConfiguration('credentialHygiene').get<boolean>(MASK_SETTING) === true;
}
