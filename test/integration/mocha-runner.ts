/** Shared mocha runner for the suite entries (`run()` is what the extension host awaits). */
import * as path from 'node:path';
import Mocha from 'mocha';

export function runMocha(dir: string, files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  // `node scripts/run-ext-tests.mjs --grep <pattern>` reaches the extension host through the server's environment.
  if (process.env.CH_TEST_GREP) mocha.grep(process.env.CH_TEST_GREP);
  for (const f of files) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${runner.stats?.passes ?? 0} passed, ${runner.stats?.failures ?? failures} failed`); // plain line for CI scrapers
      failures ? reject(new Error(`${failures} test(s) failed`)) : resolve();
    });
  });
}
