import assert from 'node:assert/strict';
import { accountIdFromKeyId } from '../../../../src/engine/aws-account';
import { rotationGuidance } from '../../../../src/node/git-history-guidance';
import { fakeAwsKeyId } from '../../cli/fake-secrets';

describe('history: AWS rotation guidance', () => {
  const keyId = fakeAwsKeyId(5);
  const g = rotationGuidance(keyId, { file: 'a.ini', commit: 'c'.repeat(40), inHead: false });

  it('fills the exact IAM commands with the key id, for the clipboard only', () => {
    const byVerb = (v: string) => g.steps.find((s) => s.command.includes(v))!;
    assert.equal(byVerb('update-access-key').command, `aws iam update-access-key --access-key-id ${keyId} --status Inactive`);
    assert.equal(byVerb('delete-access-key').command, `aws iam delete-access-key --access-key-id ${keyId}`);
    for (const s of g.steps) {
      assert.ok(!s.shown.includes(keyId));
      assert.equal(s.shown, s.command.replace(keyId, 'AKIA…'));
    }
  });

  it('decodes the account offline and never shows the key id in the guide', () => {
    assert.equal(g.account, accountIdFromKeyId(keyId));
    assert.ok(!g.markdown.includes(keyId));
    assert.ok(g.markdown.includes(`Account **${g.account}**`) || !g.account);
    assert.match(g.markdown, /git filter-repo --replace-text/);
    assert.ok(g.markdown.indexOf('update-access-key') < g.markdown.indexOf('filter-repo'), 'rotate first, purge after');
    assert.match(g.markdown, /no longer in HEAD/);
  });

  it('says where to find the account for legacy key ids that do not encode it', () => {
    const legacy = rotationGuidance('AKIAJ' + 'ABCDEFGHIJKLMNO'.slice(0, 15));
    assert.equal(legacy.account, undefined);
    assert.match(legacy.markdown, /aws sts get-access-key-info/);
  });
});
