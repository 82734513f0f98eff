import * as assert from 'node:assert/strict';
import { accountIdFromKeyId } from '../../../src/engine/aws-account';
import { iamConsoleUrl, rotationCommands, rotationMessage, rotationTarget } from '../../../src/remediation/rotation-commands';
import { fakeSecrets } from './fake-secrets';

describe('rotation commands (issue 16 point 3)', () => {
  const { AKID } = fakeSecrets(77);

  it('decodes the account and masks the key id', () => {
    const t = rotationTarget(AKID)!;
    assert.equal(t.masked, `${AKID.slice(0, 4)}…`);
    assert.equal(t.account, accountIdFromKeyId(AKID));
    assert.match(t.account!, /^\d{12}$/);
  });

  it('fills the deactivate-then-delete commands with the real key id, in that order', () => {
    const text = rotationCommands(rotationTarget(AKID)!);
    const deactivate = text.indexOf(`aws iam update-access-key --access-key-id ${AKID} --status Inactive`);
    const del = text.indexOf(`aws iam delete-access-key --access-key-id ${AKID}`);
    assert.ok(deactivate > 0, text);
    assert.ok(del > deactivate, 'delete comes after deactivate');
    assert.ok(text.includes(accountIdFromKeyId(AKID)!), 'names the account');
  });

  it('temporary keys are not "deleted": the text says they expire', () => {
    const asia = 'ASIA' + AKID.slice(4);
    const text = rotationCommands(rotationTarget(asia)!);
    assert.ok(!text.includes('delete-access-key'));
    assert.match(text, /expires/);
  });

  it('the message names masked key and account but never the key id', () => {
    const t = rotationTarget(AKID)!;
    const msg = rotationMessage([t]);
    assert.ok(!msg.includes(AKID));
    assert.ok(msg.includes(t.masked) && msg.includes(t.account!));
  });

  it('console URL signs in to the account when known', () => {
    assert.equal(iamConsoleUrl({ account: '123456789012' }), 'https://123456789012.signin.aws.amazon.com/console/iam');
    assert.match(iamConsoleUrl({}), /^https:\/\/console\.aws\.amazon\.com\/iam/);
  });

  it('rejects what is not an access key id', () => {
    assert.equal(rotationTarget('not-a-key'), undefined);
  });
});
