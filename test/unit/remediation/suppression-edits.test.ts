/** Where "Ignore on this line" / "Ignore in this file" comments go, for any editor adapter. */
import assert from 'node:assert/strict';
import { scan, type Finding } from '../../../src/engine';
import { applyEdits } from '../../../src/remediation';
import { applyInlineIgnores } from '../../../src/engine/suppress';
import { fileIgnoreEdit, lineIgnoreEdit } from '../../../src/remediation/suppression-edits';
import { fakeAwsKeyId } from '../cli/fake-secrets';

const KEY = fakeAwsKeyId(404);

function first(text: string, path: string): Finding {
  const f = scan(text, { path }).find((x) => x.ruleId === 'aws-access-key-id');
  assert.ok(f, 'fixture has a key id');
  return f;
}

function withLine(text: string, path: string, languageId?: string): string | undefined {
  const e = lineIgnoreEdit({ text, path, languageId }, first(text, path));
  return e && applyEdits(text, [e.edit]);
}

describe('suppression edits', () => {
  it('appends a same-line comment with a reason placeholder, honoured by the engine', () => {
    const text = `const id = "${KEY}";\nconsole.log(id);\n`;
    const out = withLine(text, 'a.js')!;
    assert.equal(out.split('\n')[0], `const id = "${KEY}"; // credential-hygiene:ignore aws-access-key-id -- <reason>`);
    const kept = applyInlineIgnores(out, scan(out, { path: 'a.js' })).kept;
    assert.ok(!kept.some((f) => f.ruleId === 'aws-access-key-id'), 'the directive suppresses the finding');
  });

  it('uses a comment line above where a trailing comment would change the value (.env), keeping CRLF', () => {
    const text = `A=1\r\nAWS_ACCESS_KEY_ID=${KEY}\r\n`;
    const out = withLine(text, '.env')!;
    assert.equal(out, `A=1\r\n# credential-hygiene:ignore-next-line aws-access-key-id -- <reason>\r\nAWS_ACCESS_KEY_ID=${KEY}\r\n`);
  });

  it('offers nothing inside a multi-line string or a YAML block scalar, and nothing for JSON', () => {
    assert.equal(withLine(`doc = """\nkey ${KEY}\n"""\n`, 'a.py'), undefined);
    assert.equal(withLine(`script: |\n  export AWS_ACCESS_KEY_ID=${KEY}\n  run\n`, 'ci.yml'), undefined);
    assert.equal(withLine(`{ "id": "${KEY}" }\n`, 'a.json'), undefined);
  });

  it('puts the file directive below a shebang and below Markdown front matter', () => {
    const sh = `#!/bin/sh\nexport AWS_ACCESS_KEY_ID=${KEY}\n`;
    const e = fileIgnoreEdit({ text: sh, path: 'run.sh' }, first(sh, 'run.sh'))!;
    assert.equal(applyEdits(sh, [e.edit]).split('\n')[1], '# credential-hygiene:ignore-file aws-access-key-id -- <reason>');
    const md = `---\ntitle: x\n---\nkey: ${KEY}\n`;
    const m = fileIgnoreEdit({ text: md, path: 'doc.md', languageId: 'markdown' }, first(md, 'doc.md'))!;
    assert.equal(applyEdits(md, [m.edit]).split('\n')[3].startsWith('<!-- credential-hygiene:ignore-file'), true);
  });
});
