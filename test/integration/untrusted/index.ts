/** Restricted Mode suite: a single folder opened without --disable-workspace-trust. */
import { runMocha } from '../mocha-runner';

export function run(): Promise<void> {
  return runMocha(__dirname, ['untrusted.test.js', 'policy-untrusted.test.js', 'verify-key-untrusted.test.js']);
}
