/**
 * The roles mini-projects (test/fixtures/roles/<name>) copied to a temp folder with their `{{AKID}}`-style
 * placeholders materialised as seeded fake keys, plus their hand-written expectations (per the AWS Service
 * Authorization Reference, not produced by the tool).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fakeKeys, materialise } from '../report/fake-secrets';

const ROLES_FIXTURES = path.join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'roles');

export interface Expected {
  runtime?: string;
  runtimes?: Record<string, string>;
  workloads: Record<string, string[]>;
  staticKeyClients?: number;
}

export function projectNames(): string[] {
  return readdirSync(ROLES_FIXTURES).filter((n) => statSync(path.join(ROLES_FIXTURES, n)).isDirectory()).sort();
}

export function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(path.join(ROLES_FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
}

/** A materialised copy of one mini-project; returns its folder. */
export function materialiseProject(name: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ch-roles-${name}-`));
  cpSync(path.join(ROLES_FIXTURES, name), dir, { recursive: true });
  const keys = fakeKeys();
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n !== 'expected.json') writeFileSync(p, materialise(readFileSync(p, 'utf8'), keys));
    }
  };
  walk(dir);
  return dir;
}
