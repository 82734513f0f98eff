import { strict as assert } from 'node:assert';
import { leadingLiteral } from '../../../src/engine/file-context';
import { scan, scanAscii, scanIncremental } from '../../../src/engine/index';

const MANIFEST = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: UzNjcjN0LVBhc3N3MHJkIQ==\n';
/** Enough unrelated text to push a document onto the large-text path of the prefilter. */
const FILLER = '# a comment line that says nothing in particular about anything\n'.repeat(200);

function k8sFindings(text: string): number {
  return scan(text).filter((f) => f.ruleId === 'k8s-secret-data').length;
}

describe('file contexts routed by the prefilter', () => {
  it('reads the literal a context starts with, and none when it cannot', () => {
    assert.equal(leadingLiteral(/machine[ \t]+[\w.-]+/), 'machine');
    assert.equal(leadingLiteral(/kind:[ \t]*Secret$/m), 'kind:');
    assert.equal(leadingLiteral(/a\.b\/c-d/), 'a.b/c-d');
    assert.equal(leadingLiteral(/abc?d/), 'ab');
    assert.equal(leadingLiteral(/abc/i), '');
    assert.equal(leadingLiteral(/abc|def/), '');
    assert.equal(leadingLiteral(/^kind/m), '');
  });

  it('finds a context anywhere in the text, before or after the match, on short and long texts', () => {
    assert.equal(k8sFindings(MANIFEST), 1);
    assert.equal(k8sFindings(FILLER + MANIFEST), 1);
    assert.equal(k8sFindings(MANIFEST + FILLER), 1);
  });

  it('needs the whole context, with its case, not only its literal', () => {
    const notSecret = MANIFEST.replace('kind: Secret', 'kind: Service');
    assert.equal(k8sFindings(notSecret + FILLER), 0);
    assert.equal(k8sFindings(MANIFEST.replace('kind: Secret', 'KIND: Secret') + FILLER), 0);
    // The literal occurs (lower-cased by the prefilter) but only the exact context counts.
    assert.equal(k8sFindings(`# Kind: secret\n${notSecret}${FILLER}`), 0);
  });

  it('gives the same answer from raw bytes and after an edit far from the context line', () => {
    const text = MANIFEST + FILLER;
    const fromBytes = scanAscii(Buffer.from(text, 'latin1'), () => text).filter((f) => f.ruleId === 'k8s-secret-data');
    assert.equal(fromBytes.length, 1);
    const previous = scan(text);
    const lines = text.split('\n');
    const editLine = lines.length - 20; // far below `kind: Secret`: the rescan window does not hold it
    lines[editLine - 1] += 'x';
    const edited = lines.join('\n');
    const after = scanIncremental(edited, previous, { startLine: editLine, endLine: editLine, lineDelta: 0 });
    assert.deepEqual(after.map((f) => f.ruleId), previous.map((f) => f.ruleId));
    // An edit on the data line itself rescans it; the context is found outside the window.
    const dataLine = MANIFEST.split('\n').findIndex((l) => l.includes('password:')) + 1;
    const lines2 = text.split('\n');
    lines2[dataLine - 1] = '  password: UzNjcjN0LVBhc3N3MHJkIQ==  ';
    const edited2 = lines2.join('\n');
    const after2 = scanIncremental(edited2, previous, { startLine: dataLine, endLine: dataLine, lineDelta: 0 });
    assert.equal(after2.filter((f) => f.ruleId === 'k8s-secret-data').length, 1);
  });
});
