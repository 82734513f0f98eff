/**
 * `credential-hygiene baseline [PATH...]`: records the current findings (after config and inline ignores) in
 * `.credential-hygiene-baseline.json`, so later scans report only new ones. Entries for files outside the
 * scanned paths are kept; entries inside are replaced (notes are preserved).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BASELINE_FILE, formatBaseline, updateBaseline, type BaselineEntry } from '../../node/baseline';
import { ConfigError } from '../../node/config';
import { escapeControl } from '../formatters/escape';
import { UsageError, type CliIO } from '../io';
import { writeFileAtomic } from '../../node/write-atomic';
import { checkExplicitPath, parseScanArgs, scanPaths } from './scan';
import { inScopeOf, openProject, PolicyCollector } from './scan-project';

const BASELINE_HELP = `Usage: credential-hygiene baseline [PATH...] [options]

Writes or updates the baseline (default: .credential-hygiene-baseline.json at the repo root) with every
current finding under PATH (default .). Later 'scan' runs report only findings not in it.
The baseline holds file, rule id and a one-way fingerprint per finding: no secrets, no line numbers.

Options:
      --baseline FILE     baseline file to write
      --exclude GLOB      skip paths matching GLOB (repeatable)
      --no-gitignore      do not honour .gitignore files
      --no-config         ignore .credential-hygiene.json files
      --threads N         worker threads
  -h, --help              show this help

Exit codes: 0 written, 2 usage or fatal error.
`;

export async function runBaseline(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      'no-gitignore': { type: 'boolean', default: false },
      'no-config': { type: 'boolean', default: false },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(BASELINE_HELP);
    return 0;
  }
  const scanArgv = [...positionals, '--no-baseline'];
  for (const g of values.exclude as string[]) scanArgv.push('--exclude', g);
  if (values['no-gitignore']) scanArgv.push('--no-gitignore');
  if (values['no-config']) scanArgv.push('--no-config');
  if (values.threads) scanArgv.push('--threads', values.threads);
  const opts = parseScanArgs(scanArgv);
  if (opts === 'help') return 0;
  for (const p of opts.paths) await checkExplicitPath(path.resolve(io.cwd, p), p);
  try {
    const project = await openProject(io.cwd, opts.paths[0], { config: opts.config, baselineFile: values.baseline, baselineMayBeMissing: true });
    const index = project.baseline!;
    const file = values.baseline ? path.resolve(io.cwd, values.baseline) : path.join(project.root, BASELINE_FILE);
    const collector = new PolicyCollector({ ...project, baseline: undefined }, io.cwd, true);
    await scanPaths(opts, io, { ...project, baseline: undefined }, collector);
    const found: BaselineEntry[] = collector.report.files.flatMap((f) =>
      f.findings.map((x) => ({ file: index.relative(path.resolve(io.cwd, f.file)), ruleId: x.ruleId, fingerprint: x.fingerprint })),
    );
    const roots = opts.paths.map((p) => path.resolve(io.cwd, p));
    const { baseline, added, removed } = updateBaseline(index.baseline, found, inScopeOf(index, roots));
    await writeFileAtomic(file, formatBaseline(baseline));
    const shown = path.relative(io.cwd, file) || file;
    io.stdout(`${shown}: ${baseline.entries.length} entr${baseline.entries.length === 1 ? 'y' : 'ies'} (${added} added, ${removed} removed)\n`);
    for (const e of collector.report.errors) if (!e.message.startsWith('skipped')) io.stderr(`${escapeControl(e.file)}: ${escapeControl(e.message)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(e.message);
    throw e;
  }
}
