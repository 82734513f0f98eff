/** A statement that only sets an environment variable from a literal: the env-var fix deletes it (one row per language). */
import * as assert from 'node:assert/strict';
import { fixLine } from '../../../src/remediation/fix-line';
import { materialise } from './fake-secrets';

const ROWS: Array<[string, string]> = [
  ['setup.js', "process.env.DB_PASSWORD = '{{PASSWORD}}';\nstart();\n"],
  ['setup.ts', "process.env['AWS_ACCESS_KEY_ID'] = '{{AKID}}';\nstart();\n"],
  ['env.py', "import os\nos.environ['DB_PASSWORD'] = '{{PASSWORD}}'\nstart()\n"],
  ['env.rb', "ENV['DB_PASSWORD'] = '{{PASSWORD}}'\nstart\n"],
  ['env.php', "<?php\nputenv('AWS_ACCESS_KEY_ID={{AKID}}');\nstart();\n"],
  ['main.go', "package main\n\nimport \"os\"\n\nfunc init() {\n\tos.Setenv(\"DB_PASSWORD\", \"{{PASSWORD}}\")\n\tstart()\n}\n"],
  ['Env.cs', "class Env {\n    static void Init() {\n        Environment.SetEnvironmentVariable(\"DB_PASSWORD\", \"{{PASSWORD}}\");\n        Start();\n    }\n}\n"],
  ['Env.java', "class Env {\n    static void init() {\n        System.setProperty(\"aws.accessKeyId\", \"{{AKID}}\");\n        start();\n    }\n}\n"],
  ['src/main.rs', "fn main() {\n    std::env::set_var(\"DB_PASSWORD\", \"{{PASSWORD}}\");\n    start();\n}\n"],
];

describe('remediation: env-var fix of a statement that sets the variable', () => {
  for (const [path, template] of ROWS) {
    it(`${path}: deletes the setter and keeps the rest`, () => {
      const text = materialise(template);
      const line = text.split('\n').findIndex((l) => /PASSWORD|AKIA/.test(l) && !l.startsWith('start')) + 1;
      const r = fixLine(text, line, { path, action: 'env-var' });
      assert.equal(r.left, 0);
      assert.equal(r.applied.length, 1);
      assert.match(r.applied[0].title, /^Remove the hardcoded value: (DB_PASSWORD|AWS_ACCESS_KEY_ID) comes from the environment$/);
      assert.equal(r.text.split('\n').length, text.split('\n').length - 1, 'exactly the setter line is gone');
      assert.match(r.text, /start/i);
    });
  }
});
