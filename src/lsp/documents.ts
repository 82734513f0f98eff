/**
 * Open documents with incremental sync, each keeping its raw engine findings current: every content change is
 * rescanned at once over the edited lines only (`scanIncremental`, well under a millisecond), so the debounced
 * publish step never needs a full scan while the user types. A change the line arithmetic cannot follow (a whole
 * text replacement) drops the findings and the next publish scans in full.
 */
import type { DidChangeTextDocumentParams, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanIncremental, type Finding, type LineChange } from '../engine';
import type { DocumentPolicy } from './project-policy';

export interface OpenDocument {
  doc: TextDocument;
  /** Resolved once per document (and again after a policy change); scans wait for it. */
  policy?: DocumentPolicy;
  /** Engine findings of `doc`'s current text, before the policy; undefined = a full scan is needed. */
  raw?: Finding[];
}

const newlines = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
};

/** The engine's view of one ranged edit, computed against the text before it. */
function lineChangeOf(doc: TextDocument, change: TextDocumentContentChangeEvent): (LineChange & { offset: number; charDelta: number }) | undefined {
  if (!('range' in change)) return undefined;
  const { start, end } = change.range;
  const startOffset = doc.offsetAt(start);
  const endOffset = doc.offsetAt(end);
  const added = newlines(change.text);
  const removed = newlines(doc.getText().slice(startOffset, endOffset));
  return {
    startLine: start.line + 1,
    endLine: start.line + 1 + added,
    lineDelta: added - removed,
    offset: startOffset,
    charDelta: change.text.length - (endOffset - startOffset),
  };
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const d: OpenDocument = { doc: TextDocument.create(uri, languageId, version, text) };
    this.docs.set(uri, d);
    return d;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  /** Applies the changes one by one, rescanning the edited lines after each while the findings are current. */
  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const d = this.docs.get(params.textDocument.uri);
    if (!d) return undefined;
    for (const change of params.contentChanges) {
      const lc = d.raw && d.policy ? lineChangeOf(d.doc, change) : undefined;
      d.doc = TextDocument.update(d.doc, [change], params.textDocument.version);
      d.raw = lc && d.raw && d.policy ? scanIncremental(d.doc.getText(), d.raw, lc, d.policy.opts) : undefined;
    }
    return d;
  }
}
