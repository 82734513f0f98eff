/** `credential-hygiene roles` as a user runs it: formats, per-descriptor snippets, errors. */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { cli } from '../cli/cli-harness';
import { materialiseProject } from './mini-projects';

describe('roles: CLI', function () {
  this.timeout(60_000);

  it('--format json prints the version-1 document; markdown names the role mechanism and the attach snippet', () => {
    const dir = materialiseProject('mixed');
    try {
      const json = cli(dir, ['roles', '.', '--format', 'json']);
      assert.equal(json.code, 0, json.stderr);
      const doc = JSON.parse(json.stdout) as { version: number; workloads: { name: string; runtime: string; files: string[]; evidence: string }[] };
      assert.equal(doc.version, 1);
      assert.deepEqual(doc.workloads.map((w) => w.runtime).sort(), ['eks', 'github-actions', 'lambda']);
      assert.ok(doc.workloads.every((w) => /^[\w./-]+:\d+$/.test(w.evidence) && !w.evidence.startsWith('/')));
      const md = cli(dir, ['roles']);
      assert.equal(md.code, 0, md.stderr);
      assert.match(md.stdout, /## ThumbnailFunction \(lambda\)[\s\S]*Lambda execution role[\s\S]*Policies:\n {2}- Statement:/);
      assert.match(md.stdout, /## photos-api \(eks\)[\s\S]*eks\.amazonaws\.com\/role-arn: arn:aws:iam::111122223333:role\/photos-api/);
      assert.match(md.stdout, /## Backfill \/ backfill \(github-actions\)[\s\S]*id-token: write[\s\S]*role-to-assume: arn:aws:iam::111122223333:role\/photos-backfill/);
      assert.match(md.stdout, /Resource `\*` for `events:PutEvents`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('speaks each descriptor’s language: Serverless statements, ECS task role, Terraform instance profile, CDK addToRolePolicy', () => {
    const cases: [string, RegExp][] = [
      ['serverless-node', /provider:\n {2}iam:\n {4}role:\n {6}statements:/],
      ['ecs-typescript', /ECS task role[\s\S]*"taskRoleArn": "arn:aws:iam::<account-id>:role\/thumbnailer-task-role"/],
      ['terraform-ec2-python', /resource "aws_iam_role_policy" "worker"[\s\S]*iam_instance_profile = aws_iam_instance_profile\.worker\.name/],
      ['cdk-java', /ingestFunction\.addToRolePolicy\(PolicyStatement\.Builder\.create\(\)/],
      ['plain-script', /unknown[\s\S]*aws sso login[\s\S]*still pass static keys/],
    ];
    for (const [project, re] of cases) {
      const dir = materialiseProject(project);
      try {
        const r = cli(dir, ['roles']);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, re, project);
        assert.doesNotMatch(r.stdout, /AKIA[A-Z2-7]{16}/, 'no key in the output');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('a single file: the workloads of the project around it that run that file', () => {
    const dir = materialiseProject('sam-python');
    try {
      const r = cli(dir, ['roles', 'report/report.py', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { workloads: { name: string; evidence: string }[] };
      assert.deepEqual(doc.workloads.map((w) => [w.name, w.evidence]), [['ReportFunction', 'template.yaml:25']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown format and a missing path with exit code 2', () => {
    const dir = materialiseProject('plain-script');
    try {
      assert.equal(cli(dir, ['roles', '--format', 'html']).code, 2);
      const r = cli(dir, ['roles', 'nope']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no such file or directory: nope/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
