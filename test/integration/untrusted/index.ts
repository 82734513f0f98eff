/** Restricted Mode suite: a single folder opened without --disable-workspace-trust. */
import { runMocha, suitesIn } from '../mocha-runner';

export function run(): Promise<void> {
  return runMocha(__dirname, suitesIn(__dirname, ['untrusted.test.js']));
}
