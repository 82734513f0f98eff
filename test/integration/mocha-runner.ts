/** Shared mocha runner for the suite entries (`run()` is what the extension host awaits). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The suites of a folder (`*.test.js`, not recursive), sorted, with `first` (if present) leading. */
export function suitesIn(dir: string, first: string[] = []): string[] {
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
  return [...first.filter((f) => all.includes(f)), ...all.filter((f) => !first.includes(f))];
}

export function runMocha(dir: string, files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  // `node scripts/run-ext-tests.mjs --grep <pattern>` reaches the extension host through the server's environment.
  if (process.env.CH_TEST_GREP) mocha.grep(process.env.CH_TEST_GREP);
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`); // plain line for CI scrapers
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
