import { promises as fs } from 'node:fs';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../node/write-atomic';
import { renderRolesJson, renderRolesMarkdown } from '../../roles/render';
import { analyzePaths } from '../../roles/node/analyze-paths';
import { UsageError, type CliIO } from '../io';

const ROLES_HELP = `Usage: credential-hygiene roles [PATH...] [options]

From keys to roles: finds the workloads your descriptors declare (SAM/CloudFormation, Serverless, CDK, ECS task
definitions, Kubernetes/EKS, Terraform, GitHub Actions), the runtime each runs on, the AWS SDK calls its code
makes, and a least-privilege IAM policy for it (actions per the AWS Service Authorization Reference), with the
snippet that attaches it (see docs/roles.md). Code no descriptor claims is reported with runtime "unknown".

Options:
  -f, --format markdown|json   output format (default: markdown)
  -o, --output FILE            write to FILE instead of stdout
      --exclude GLOB           skip paths matching GLOB (repeatable; minimatch)
      --no-gitignore           do not honour .gitignore files
  -h, --help                   show this help

Exit codes: 0 written, 2 usage or fatal error.
`;

export async function runRoles(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'markdown' },
      output: { type: 'string', short: 'o' },
      exclude: { type: 'string', multiple: true, default: [] },
      'no-gitignore': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(ROLES_HELP);
    return 0;
  }
  const raw = String(values.format).toLowerCase();
  const format = raw === 'md' ? 'markdown' : raw;
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`unknown --format '${values.format}' (markdown, json)`);
  if (values.output === '') throw new UsageError('--output needs a file name');
  const paths = positionals.length ? positionals : ['.'];
  for (const p of paths) {
    try {
      await fs.stat(p);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
  }
  const analysis = await analyzePaths(paths, { excludeGlobs: values.exclude as string[], gitignore: !values['no-gitignore'] });
  const out = format === 'json' ? renderRolesJson(analysis) : renderRolesMarkdown(analysis);
  if (values.output) {
    await writeFileAtomic(values.output, out);
    io.stderr(`roles written to ${values.output} (${analysis.report.workloads.length} workloads)\n`);
  } else io.stdout(out);
  return 0;
}
