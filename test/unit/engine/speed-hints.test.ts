import { strict as assert } from 'node:assert';
import { scan } from '../../../src/engine';
import { BUILTIN_RULES } from '../../../src/engine/rules';

/**
 * Speed hints must never change results: a rule's `separatorMayStart` may only rule out places where its
 * `separatorAfterName` cannot match. Checked on every rule that declares both, over many generated suffixes.
 */
describe('separator speed hints over-approximate their separator', () => {
  const hinted = BUILTIN_RULES.filter((r) => r.separatorMayStart && r.separatorAfterName);

  it('at least the assignment rules declare one', () => {
    assert.ok(hinted.some((r) => r.id === 'generic-api-key-assignment'));
  });

  it('never says no where the separator matches', () => {
    const pieces = [' ', '  ', '\t', '"', "'", '`', '\\', ']', ':', '=', '>', '<', '-', '?', '|', '!', '(', ')', ',', ';',
      '.', 'r', 'B', 'u', 'F', '@', '$', 'x', 'value', '{', '}', 'string', '[]', '\n'];
    let seed = 7;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let matched = 0;
    for (const rule of hinted) {
      const sep = new RegExp(rule.separatorAfterName!.source, rule.separatorAfterName!.flags.replace(/[gy]/g, '') + 'y');
      for (let i = 0; i < 60_000; i++) {
        let tail = '';
        const len = 1 + next(7);
        for (let j = 0; j < len; j++) tail += pieces[next(pieces.length)];
        const text = `password${tail}x`;
        sep.lastIndex = 8;
        if (!sep.test(text)) continue;
        matched++;
        assert.ok(rule.separatorMayStart!(text, 8), `${rule.id}: hint rules out ${JSON.stringify(tail)}`);
      }
    }
    assert.ok(matched > 1000, `only ${matched} generated suffixes matched a separator`);
  });
});

/**
 * A rule's `literalWithin` must hold for every match its pattern can make from an identifier: checked on the
 * rule's own positive examples and on generated texts with the literal near, far and absent.
 */
describe('literal-distance speed hints hold for every match', () => {
  const hinted = BUILTIN_RULES.filter((r) => r.literalWithin);

  it('at least the Azure named-key rule declares one', () => {
    assert.ok(hinted.some((r) => r.id === 'azure-account-key-named'));
  });

  it('every match contains the literal within the declared distance of its start', () => {
    let seed = 11;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let checked = 0;
    for (const rule of hinted) {
      const { literal, chars } = rule.literalWithin!;
      const texts = [...rule.examples.positive];
      for (let i = 0; i < 400; i++) {
        const kw = rule.keywords[next(rule.keywords.length)];
        const name = `${'x_'.repeat(next(30))}${kw}${'_y'.repeat(next(30))}`;
        const gap = ' '.repeat(next(45));
        let value = '';
        const length = next(4) === 0 ? 84 + next(5) : 86; // mostly the key length, sometimes near it
        for (let j = 0; j < length; j++) value += B64[next(B64.length)];
        texts.push(`${name} =${gap}"${value}${literal}"`);
      }
      for (const text of texts) {
        const re = new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gy]/g, '')}g`);
        for (const m of text.matchAll(re)) {
          checked++;
          const end = text.indexOf(literal, m.index!);
          assert.ok(end !== -1 && end + literal.length <= m.index! + chars, `${rule.id}: ${JSON.stringify(m[0].slice(0, 80))}`);
        }
      }
    }
    assert.ok(checked > 100, `only ${checked} matches checked`);
  });
});

/**
 * A window rule's `literalAfterKeyword` must hold for every match: some keyword occurrence in the match is followed
 * by the literal within the declared distance. Checked on the rules' own examples and on texts generated at the
 * edges of each pattern (longest user, password, token, padding).
 */
describe('literal-after-keyword speed hints hold for every match', () => {
  let seed = 23;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pick = (alphabet: string, min: number, max: number) => {
    let s = '';
    for (let i = 0, n = min + next(max - min + 1); i < n; i++) s += alphabet[next(alphabet.length)];
    return s;
  };
  const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  /** Texts at the edges of each hinted rule's pattern; a rule with a hint and no generator fails the test. */
  const generators: Record<string, () => string> = {
    'basic-auth-url': () => `url = "${['https', 'smtp', 'git+ssh', 'ldaps'][next(4)]}://${pick(`${ALNUM}.-_%`, 1, 64)}:${pick(`${ALNUM}!#$%^&*()-_=+:;,.?~`, 1, 128)}@db.example.io/x"`,
    'url-embedded-token': () => `git clone https://${pick(`${ALNUM}_-`, 30, 100)}${next(2) ? ':x-oauth-basic' : ''}@github.com/acme/repo.git`,
    'airtable-personal-access-token': () => `AIRTABLE_TOKEN=pat${pick(ALNUM, 14, 14)}.${pick('0123456789abcdef', 64, 64)}`,
    'generic-password-terraform-variable': () => `variable${pick(' \t', 1, 8)}"db_password" {\n  default = "${pick(ALNUM, 8, 30)}"\n}`,
    'generic-api-key-terraform-variable': () => `variable${pick(' \t', 1, 8)}"api_key"${pick(' ', 0, 8)}{\n  type = string\n  default = "${pick(ALNUM, 8, 30)}"\n}`,
  };
  const hinted = BUILTIN_RULES.filter((r) => r.literalAfterKeyword);

  it('the URL, Airtable and Terraform rules declare one, and each has a generator here', () => {
    for (const id of ['basic-auth-url', 'url-embedded-token', 'airtable-personal-access-token', 'generic-password-terraform-variable']) {
      assert.ok(hinted.some((r) => r.id === id), id);
    }
    for (const r of hinted) assert.ok(generators[r.id], `no generator for ${r.id}`);
  });

  it('every match has a keyword followed by the literal within the declared distance', () => {
    let checked = 0;
    for (const rule of hinted) {
      const { literal, chars } = rule.literalAfterKeyword!;
      const texts = [...rule.examples.positive, ...rule.examples.negative];
      for (let i = 0; i < 500; i++) texts.push(generators[rule.id]());
      const re = new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gy]/g, '')}g`);
      for (const text of texts) {
        const lower = text.toLowerCase();
        for (const m of text.matchAll(re)) {
          checked++;
          const from = m.index!;
          const to = from + m[0].length;
          const ok = rule.keywords.some((kw) => {
            for (let at = lower.indexOf(kw, from); at !== -1 && at + kw.length <= to; at = lower.indexOf(kw, at + 1)) {
              const end = at + kw.length;
              const lit = text.indexOf(literal, end);
              if (lit !== -1 && lit + literal.length <= end + chars) return true;
            }
            return false;
          });
          assert.ok(ok, `${rule.id}: ${JSON.stringify(m[0].slice(0, 100))}`);
        }
      }
    }
    assert.ok(checked > 1500, `only ${checked} matches checked`);
  });
});

/**
 * End to end: a scan with the hints in force finds exactly what it finds with them off. A hint-free copy of each
 * hinted rule shares its pattern, so its group loses every hint (a hint applies only when all rules of a group
 * declare it); the built-in rules' findings must not change.
 */
describe('hinted and unhinted scans agree', () => {
  const hintedRules = BUILTIN_RULES.filter((r) => r.separatorAfterName || r.literalWithin || r.literalAfterKeyword || r.keywordShape);
  const unhinted = hintedRules.map((r) => ({
    ...r,
    id: `${r.id}-unhinted`,
    separatorAfterName: undefined,
    separatorMayStart: undefined,
    literalWithin: undefined,
    literalAfterKeyword: undefined,
    keywordShape: undefined,
  }));
  let seed = 31;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const names = ['password', 'db_password', '@pass', 'user@password', 'a.b.secretKey', 'api_key', '$token', 'x@y@apiKey',
    'credentials', 'AWS.config.credentials', 'auth-token', 'storageKey', 'accountKey', 'primaryKey', 'SECRET_KEY_BASE'];
  const seps = [' = ', '=', ': ', ' => ', ':= ', '(', ' ', ', ', ')', '.', ';', ' - ', '"', '\\"', "']", ' == '];
  const values = ['"Xk9#mQ2vLp7!"', "'h7Gq2mZpW4'", 'Zx81kLq0Pm27NvB4tY6wR3sQ', '`Tr0ub4dor&3x`', 'getSecret()', 'b"Qw7Er9Ty2Ui4"',
    '"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="',
    'https://u:Pw9xLq2mZ7@db.example.io/x', 'git clone https://aNCkb51g6Tfm0vNk3fjfHjP95CXY80lW4HSrf8bP@gitlab.acme.io/r.git',
    'variable "db_password" {\n  default = "Vq7Lm2xZp9Kd"\n}', 'pat5Q6U1XGm4IqSKH.7ee52663333c90c59f4bf0a2c698237dbef257b4d93263d8f63cc10be523e800',
    '"key-8fa0950434b937008452be756d6504d3"', "'key-value-store'", '1d4d27ca3af93103dd6a1886396dd2f5-us21', '"us-east-1" // Asia Pacific',
    '"AKIAQX5HRSY3ZBN7VWEJ"', 'ASIAQX5HRSY3ZBN7VWEJ', '"A3TXQX5HRSY3ZBN7VWEJ"', '"wJalrXUtnQEMI/K7MDENG+bPxRfiCYabCdEfGhIj"',
    '"Authorization: Bearer Zq8Lm3Vx7Rt2Np9Wk4Bc6Df"', 'authorization = "Basic YWNtZTpTM2NyM3RQYXNzdzByZA=="', '"Authorization header"',
    '- name: DB_PASSWORD\n  value: "Lk8#vQ2pZx7"', '{ "name": "API_TOKEN", "value": "Qw7Er9Ty2Ui4Op6As8Df" }', '<add key="SmtpPassword" value="Lk8vQ2pZx7w" />',
    'the value of the key', 'name=DB_PASSWORD value\t=\tHq7Lm2Zx9Vb4Nc8', 'key: db_password\n  value\n: Hq7Lm2Zx9Vb4'];

  it('the same findings on generated code, with and without the hints', () => {
    let compared = 0;
    for (let i = 0; i < 600; i++) {
      const lines: string[] = [];
      for (let j = 0; j < 1 + next(6); j++) lines.push(`${' '.repeat(next(4))}${names[next(names.length)]}${seps[next(seps.length)]}${values[next(values.length)]}`);
      const text = lines.join(next(2) ? '\n' : '\r\n');
      for (const path of ['app.env', 'config.yaml', 'main.py', undefined]) {
        const plain = scan(text, { path });
        const withCopies = scan(text, { path, extraRules: unhinted }).filter((f) => !f.ruleId.endsWith('-unhinted'));
        assert.deepEqual(withCopies, plain, JSON.stringify(text));
        compared += plain.length;
      }
    }
    assert.ok(compared > 300, `only ${compared} findings compared`);
  });
});
