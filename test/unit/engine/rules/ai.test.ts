import assert from 'node:assert/strict';
import { RULES } from '../../../../src/engine/rules/ai';
import { describeFamily } from './family';
import { applyRule } from './harness';

describeFamily('ai', RULES);

describe('rules/ai edge cases', () => {
  const byId = (id: string) => RULES.find((r) => r.id === id)!;

  it('Anthropic keys must end in AA', () => {
    const rule = byId('anthropic-api-key');
    const line = rule.examples.positive[1];
    assert.equal(applyRule(rule, line).length, 1);
    assert.equal(applyRule(rule, line.slice(0, -2) + 'Ab').length, 0);
  });

  it('OpenAI legacy key needs the T3BlbkFJ marker in the middle', () => {
    const rule = byId('openai-legacy-key');
    const line = rule.examples.positive[0];
    assert.equal(applyRule(rule, line.replace('T3BlbkFJ', 'T3BlbkFK')).length, 0);
  });

  it('Hugging Face rule skips the all-x placeholder from the secretlint corpus', () => {
    assert.equal(applyRule(byId('huggingface-token'), "hf_token = 'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'").length, 0);
  });

  it('secretlint-shaped OpenAI/Anthropic fixtures are detected', () => {
    const proj = 'sk-proj-f5-UKZNwZTgzRb8ZucIrNqTs9oT6D1DMRv_0Zq3WY7G1J1O-wPsXwgv6WFxEn8XrZu2vvosfG7T3BlbkFJBYX7TPseHaYE6r3ljpCBurd6U6qpJeRk8UqQ1ORj5DFHReHaF6mstbOCirkkl9vsHWLw23test';
    assert.equal(applyRule(byId('openai-project-key'), proj).length, 1);
    const legacy = 'sk-sUeBP9asw6GiYHXqtg70T3BlbkFJJuLwJFco90bOpU0Ntest';
    assert.equal(applyRule(byId('openai-legacy-key'), legacy).length, 1);
  });
});
