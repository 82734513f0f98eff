import assert from 'node:assert/strict';
import { RULES } from '../../../../src/engine/rules/call-arguments';
import { scan } from '../../../../src/engine/scanner';
import { describeFamily } from './family';

describeFamily('calls', RULES);

describe('rules/calls: passwords passed positionally', () => {
  it('reports only the password argument, not the user or the host', () => {
    const line = "$pdo = new PDO('mysql:host=db;dbname=shop', 'shop', 'Vq7xL2mR9tKp');";
    const findings = scan(line, { path: 'db.php' });
    assert.equal(findings.length, 1);
    assert.equal(line.slice(findings[0].startOffset, findings[0].endOffset), 'Vq7xL2mR9tKp');
    assert.equal(findings[0].ruleId, 'password-argument-pdo');
  });

  it('counts arguments that hold commas inside strings or calls, across lines', () => {
    const text = 'Connection c = DriverManager.getConnection(\n    cfg.url("a,b"),\n    "app",\n    "Tz6pQ1vMx8Lw");';
    const [f] = scan(text, { path: 'Db.java' });
    assert.equal(f?.ruleId, 'password-argument-jdbc');
    assert.equal(text.slice(f.startOffset, f.endOffset), 'Tz6pQ1vMx8Lw');
  });

  it('does not take the user for the password when the password is not a literal', () => {
    for (const text of [
      'server.login("alerts@acme.io", password)',
      "$db = mysqli_connect('db', 'Zq8vN2xLp4Rt', $pw);",
      'new NetworkCredential("Xw4Lp9qZm2Rt", GetPassword());',
    ]) {
      assert.deepEqual(scan(text, { path: 'x.txt' }).filter((f) => f.ruleId.startsWith('password-argument-')), [], text);
    }
  });
});
