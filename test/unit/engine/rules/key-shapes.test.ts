import assert from 'node:assert/strict';
import { scan } from '../../../../src/engine';
import { compileShapes, shapeSource, splitShapes } from '../../../../src/engine/rules/key-shapes';
import { isBareKeyName } from '../../../../src/engine/rules/provider-shape-veto';
import { isMalformedOrPublicToken } from '../../../../src/engine/rules/prefixed-token-veto';
import { isBrokenJwtOrPublicKey } from '../../../../src/engine/token-shape';

/** Deterministic fake keys over an alphabet (generated at test time, never real). */
function fake(alphabet: string, length: number, seed = 11): string {
  let x = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    // mulberry32
    x = (x + 0x6d2b79f5) >>> 0;
    let t = Math.imul(x ^ (x >>> 15), 1 | x);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += alphabet[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * alphabet.length)];
  }
  return out;
}
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const ids = (text: string) => scan(text, { path: 'app.log' }).map((f) => f.ruleId);

describe('key shapes: vocabulary', () => {
  it('matches a class and an exact length or range, whole token only', () => {
    const lower32 = compileShapes(['lower32']);
    assert.ok(lower32.test(fake(LOWER, 32)));
    assert.ok(!lower32.test(fake(LOWER, 31)));
    assert.ok(!lower32.test(fake(LOWER, 33)));
    assert.ok(!lower32.test(fake(LOWER, 31) + 'Z'));
    const range = compileShapes(['alnum+_-20-24']);
    assert.ok(range.test('Ab3_d-Ef5Gh6Ij7Kl8Mn9'));
    assert.ok(!range.test('Ab3.d-Ef5Gh6Ij7Kl8Mn9'));
  });

  it('knows uuid, hex of either case and small regexes holding `|`', () => {
    const shapes = splitShapes('uuid|Hex32|/access-(?:sandbox|production)-[0-9a-f]{8}/');
    assert.deepEqual(shapes, ['uuid', 'Hex32', '/access-(?:sandbox|production)-[0-9a-f]{8}/']);
    const re = compileShapes(shapes);
    assert.ok(re.test('bb8a4b6c-83b3-4cde-92ba-e3e35916ef3f'));
    assert.ok(re.test(fake(HEX, 32).toUpperCase()));
    assert.ok(re.test('access-sandbox-0a1b2c3d'));
    assert.ok(!re.test('access-staging-0a1b2c3d'));
  });

  it('rejects malformed shapes so a table typo fails here', () => {
    for (const bad of ['lower', 'foo32', 'lower40-20', '/(/']) assert.throws(() => shapeSource(bad), Error, bad);
  });
});

describe('key shapes: provider-keyword-token and the generic veto', () => {
  const agoraKey = fake(LOWER, 32);

  it('reports a value next to a provider only when it has the provider shape', () => {
    assert.ok(ids(`[INFO] Sending request to the agora API\n[DEBUG] Using Key=${agoraKey}`).includes('provider-keyword-token'));
    // agora keys are 32 lower-case letters and digits: 31 characters, or an upper-case letter, is a malformed copy.
    assert.deepEqual(ids(`[INFO] Sending request to the agora API\n[DEBUG] Using Key=${agoraKey.slice(1)}`), []);
    assert.deepEqual(ids(`[INFO] Sending request to the agora API\n[DEBUG] Using API_KEY=${agoraKey.slice(1)}X`), []);
  });

  it('drops a generic key whose own name names a provider and lacks its shape', () => {
    assert.deepEqual(ids(`bitbarSecret = "DyV64pq66z15thg8fh3Q"`), []);
    assert.ok(ids(`roninSecret = "DyV64pq66z15thg8fh3Q"`).length > 0, 'an unknown provider keeps the generic finding');
  });

  it('keeps the generic finding when the provider is ambiguous, far away, or the name says whose key it is', () => {
    const value = 'Zx81kLq0Pm27NvB4tY6wR3sQ';
    assert.ok(ids(`# agora and alienvault settings\nAPI_KEY=${value}`).length > 0, 'two providers named');
    assert.ok(ids(`# agora settings\n\n\n\n\nAPI_KEY=${value}`).length > 0, 'more than 3 lines above');
    assert.ok(ids(`# agora settings\n\nAPI_KEY=${value}`).length > 0, 'another paragraph');
    assert.ok(ids(`# agora\nAGORA_APP_ID=abc\n# analytics\nAPI_KEY=${value}`).length > 0, 'another .env section');
    assert.ok(ids(`# agora settings\nSMTP_TOKEN=${value}`).length > 0, 'SMTP_TOKEN names its own service');
    assert.deepEqual(ids(`# agora settings\nAPI_KEY=${value}`), []);
  });

  it('never vetoes passwords: they have no provider shape', () => {
    assert.ok(ids('# mailgun settings\nMAILGUN_SMTP_PASSWORD=Vq7#Lm2xZp9Kd').includes('generic-password-assignment'));
  });

  it('a bare name holds only credential words', () => {
    for (const n of ['API_KEY', 'apiKey', 'token', 'CLIENT_SECRET', 'x-api-key']) assert.ok(isBareKeyName(n), n);
    for (const n of ['SMTP_TOKEN', 'roninApiKey', 'refresh_token']) assert.ok(!isBareKeyName(n), n);
  });
});

describe('key shapes: malformed prefixed tokens, broken JWTs, publishable keys', () => {
  it('drops a prefixed token that is truncated or padded, keeps an unknown layout and test keys', () => {
    const body = fake('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 40) + fake(HEX, 8);
    assert.equal(isMalformedOrPublicToken(`cfut_${body}`), false);
    assert.equal(isMalformedOrPublicToken(`cfut_${body.slice(0, 20)}`), true, 'truncated');
    assert.equal(isMalformedOrPublicToken(`cfut_${body}EXTRA`), true, 'padded');
    assert.equal(isMalformedOrPublicToken(`spu-${fake(HEX, 32)}`), false);
    assert.equal(isMalformedOrPublicToken(`spu-${fake(HEX, 32).toUpperCase()}`), true, 'retyped in the other case');
    assert.equal(isMalformedOrPublicToken(`sk_test_${fake(LOWER, 16)}`), false, 'test key material stays');
    assert.equal(isMalformedOrPublicToken(`xkeysib-${fake(LOWER, 85)}`), false, 'a layout our rule does not know');
    assert.deepEqual(ids(`token := "cfut_${body.slice(0, 20)}"`), []);
  });

  it('recognises broken JWT headers and publishable keys', () => {
    const payload = Buffer.from('{"sub":"1234567890"}').toString('base64url');
    const good = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${payload}.c2lnbmF0dXJlMTIzNDU2`;
    assert.equal(isBrokenJwtOrPublicKey(good), false);
    assert.equal(isBrokenJwtOrPublicKey(`eyJhbGciOiJIUzI1N^iIsInR5cCI6IkpXVCJ9.${payload}.c2lnbmF0dXJl`), true);
    assert.equal(isBrokenJwtOrPublicKey(`pk_live_${fake(LOWER, 24)}`), true);
    assert.equal(isBrokenJwtOrPublicKey(`live_pub_${fake(HEX, 31)}`), true);
    assert.equal(isBrokenJwtOrPublicKey(`sk_live_${fake(LOWER, 24)}`), false);
  });
});
