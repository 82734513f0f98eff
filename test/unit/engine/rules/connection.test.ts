import assert from 'node:assert/strict';
import { isRealPassword, RULES } from '../../../../src/engine/rules/connection';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('connection', RULES);

describe('rules/connection edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('isRealPassword rejects placeholders and templates', () => {
    for (const p of ['password', 'pass', 'PASSWORD', '${DB_PASSWORD}', '$DB_PASS', '<password>', '****', '%s', '{0}', '{password}', 'xxxx', 'changeme', '%3Cpassword%3E', ':password', 'your_password', 'secret']) {
      assert.equal(isRealPassword(p), false, p);
    }
    for (const p of ['Zq81Lm3Rx7Tn', 's3cr3tP4ss', 'secret123', 'hub24aoeu', 'myR3alP@ssw0rd']) {
      assert.equal(isRealPassword(p), true, p);
    }
  });

  it('user == password counts as a dev default only on local hosts', () => {
    assert.equal(isRealPassword('postgres', 'postgres', 'localhost'), false);
    assert.equal(isRealPassword('guest', 'guest', '127.0.0.1'), false);
    assert.equal(isRealPassword('k8Vr2xQz', 'k8Vr2xQz', 'prod-db.acme.io'), true);
  });

  it('password containing @ is taken up to the last @ before the host', () => {
    const rule = byId('db-url-credentials');
    const [hit] = applyRule(rule, 'mongodb+srv://appuser:myR3alP@ssw0rd@cluster0.mongodb.net/mydb');
    assert.equal(hit.secret, 'myR3alP@ssw0rd');
  });

  it('reports only the password, not the whole URL', () => {
    const rule = byId('basic-auth-url');
    const line = 'const PROD_API = "https://apiuser:r3alP4ssw0rd@api.production.com/v2";';
    const [hit] = applyRule(rule, line);
    assert.equal(hit.secret, 'r3alP4ssw0rd');
    assert.equal(line.slice(hit.start, hit.end), 'r3alP4ssw0rd');
  });

  it('secretlint corpus database URLs are detected', () => {
    const rule = byId('db-url-credentials');
    for (const line of [
      'CONECTION_URI="mongodb://root:m42ploz2wd@google.com:5434/thegift"',
      'mysql://apiuser:passW0rd!@internal.db.com:3306/api',
      'mysql://devuser:mySecret2024@localhost:3306/dev_db',
      "create_engine('postgresql://postgres:m42ploz2wd@google.com:5432/mydb')",
    ]) {
      assert.equal(applyRule(rule, line).length, 1, line);
    }
  });

  it('ADO.NET password with trailing spaces is trimmed', () => {
    const rule = byId('ado-net-connection-string');
    const [hit] = applyRule(rule, 'Server=db;User Id=app;Password=Zq81Lm3Rx7Tn  ;');
    assert.equal(hit.secret, 'Zq81Lm3Rx7Tn');
  });
});
