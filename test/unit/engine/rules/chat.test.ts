import assert from 'node:assert/strict';
import { RULES } from '../../../../src/engine/rules/chat';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('chat', RULES);

describe('rules/chat validator edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('discord bot token: first segment must decode to a numeric user id', () => {
    const rule = byId('discord-bot-token');
    const good = /"([^"]+)"/.exec(rule.examples.positive[0])![1];
    const [, mid, last] = good.split('.');
    const notDigits = Buffer.from('abcdefghijklmnopqr').toString('base64url');
    assert.equal(applyRule(rule, `DISCORD_TOKEN="${notDigits}.${mid}.${last}"`).length, 0);
    assert.equal(applyRule(rule, `DISCORD_TOKEN="${good}"`).length, 1);
  });

  it('slack webhook: the whole URL is the secret', () => {
    const rule = byId('slack-webhook-url');
    const ex = rule.examples.positive[0];
    const [hit] = applyRule(rule, ex);
    assert.ok(hit.secret.startsWith('https://hooks.slack.com/services/T'));
    assert.equal(hit.end, ex.length);
  });

  it('slack bot token does not run into a following identifier', () => {
    const rule = byId('slack-bot-token');
    const tok = /xoxb-[0-9A-Za-z-]+/.exec(rule.examples.positive[0])![0];
    assert.equal(applyRule(rule, `t=${tok}-extra`).length, 0);
  });
});
