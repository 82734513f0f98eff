import assert from 'node:assert/strict';
import { CREDENTIAL_CLASSES, countSecretsManagerLookups, detectSdkClients, sdkLanguageOf } from '../../../src/report';
import { fakeKeys, loadFixtures, loadLabels } from './fake-secrets';

describe('report: AWS SDK client detection against the hand-labelled fixture', () => {
  const keys = fakeKeys();
  const fixtures = loadFixtures(keys);
  const labels = loadLabels();

  it('covers at least 6 languages and every labelled file exists', () => {
    const langs = new Set([...fixtures.keys()].map((p) => sdkLanguageOf(p)));
    assert.ok(langs.size >= 6, `only ${langs.size} languages`);
    for (const f of Object.keys(labels.files)) assert.ok(fixtures.has(f), `labelled file ${f} missing`);
    for (const f of fixtures.keys()) assert.ok(labels.files[f], `fixture ${f} has no labels`);
  });

  for (const [file, want] of Object.entries(labels.files)) {
    describe(file, () => {
      const text = () => fixtures.get(file)!;
      it('counts per credential class equal the labels', () => {
        const got = detectSdkClients(text(), file);
        for (const k of CREDENTIAL_CLASSES) {
          assert.equal(got.filter((c) => c.class === k).length, want[k], `${k}: ${got.filter((c) => c.class === k).map((c) => `${c.line}:${c.construct}`).join(', ')}`);
        }
      });
      it('each site sits on a line marked `expect: <its class>` and every marked line is found', () => {
        const marks = new Map<number, string>();
        text().split('\n').forEach((l, i) => {
          const m = /expect: ([\w-]+)/.exec(l);
          if (m) marks.set(i + 1, m[1]);
        });
        const got = detectSdkClients(text(), file);
        for (const c of got) assert.equal(marks.get(c.line), c.class, `line ${c.line} ${c.construct}: ${c.reason}`);
        assert.deepEqual([...marks.keys()].sort((a, b) => a - b), got.map((c) => c.line).sort((a, b) => a - b));
      });
      it('Secrets Manager lookups equal the labels', () => {
        assert.equal(countSecretsManagerLookups(text(), file), want.lookups);
      });
      it('never carries a key value (reasons, constructs, services)', () => {
        const blob = JSON.stringify(detectSdkClients(text(), file));
        for (const v of Object.values(keys)) assert.ok(!blob.includes(v.slice(0, 8)), 'a fake key leaked into a client record');
      });
    });
  }
});

describe('report: detector edge cases', () => {
  const one = (path: string, text: string) => {
    const r = detectSdkClients(text, path);
    assert.equal(r.length, 1, `expected one site, got ${r.length}`);
    return r[0];
  };

  it('ignores constructions in comments, strings and unrelated classes', () => {
    assert.deepEqual(detectSdkClients(`import { S3Client } from "@aws-sdk/client-s3";\n// new S3Client({})\nconst s = "new S3Client({})";\nnew HttpClient({});`, 'a.ts'), []);
    assert.deepEqual(detectSdkClients(`# boto3.client("s3")\nx = "boto3.client('s3')"`, 'a.py'), []);
    assert.deepEqual(detectSdkClients(`new S3Client({ region })`, 'a.ts'), [], 'no @aws-sdk import: not an AWS client');
    assert.deepEqual(detectSdkClients(`boto3.client("s3")`, 'notes.txt'), [], 'unknown file type');
  });

  it('resolves constants across string concatenation and one level of variables', () => {
    const c = one('a.ts', `import { S3Client } from '@aws-sdk/client-s3';\nconst K = "AKIA" + "QQQQ";\nconst c = new S3Client({ credentials: { accessKeyId: K, secretAccessKey: cfg.secret } });`);
    assert.equal(c.class, 'static');
  });

  it('treats interpolated strings, parameters and env reads as config-or-env', () => {
    assert.equal(one('a.ts', `import { S3Client } from '@aws-sdk/client-s3';\nnew S3Client({ credentials: { accessKeyId: \`\${p}X\`, secretAccessKey: s } });`).class, 'config-or-env');
    assert.equal(one('a.py', `import boto3\nboto3.session.Session(aws_access_key_id=settings.K, aws_secret_access_key=settings.S)`).class, 'config-or-env');
    assert.equal(one('m.go', `import "github.com/aws/aws-sdk-go/aws/session"\ns := session.Must(session.NewSessionWithOptions(session.Options{Profile: "dev"}))`).class, 'config-or-env');
  });

  it('classifies explicit role / instance providers as default-chain', () => {
    assert.equal(one('A.java', `import software.amazon.awssdk.services.s3.S3Client;\nS3Client c = S3Client.builder().credentialsProvider(InstanceProfileCredentialsProvider.create()).build();`).class, 'default-chain');
    assert.equal(one('a.rb', `c = Aws::S3::Client.new(\n  credentials: Aws::InstanceProfileCredentials.new\n)`).class, 'default-chain');
  });

  it('static beats everything else in the same construction', () => {
    const c = one('A.java', `import software.amazon.awssdk.services.s3.S3Client;\nS3Client c = S3Client.builder().credentialsProvider(AwsCredentialsProviderChain.of(DefaultCredentialsProvider.create(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAQQ", "s")))).build();`);
    assert.equal(c.class, 'static');
  });

  it('reports 1-based line/column of the construction', () => {
    const c = one('a.py', `import boto3\n\n  x = boto3.client("s3")`);
    assert.deepEqual([c.line, c.column, c.service], [3, 7, 's3']);
  });

  it('stays linear on adversarial input', () => {
    const big = `import { S3Client } from '@aws-sdk/client-s3';\n` + 'new S3Client({ credentials: {'.repeat(20_000) + '\n' + '"'.repeat(50_000);
    const t0 = Date.now();
    detectSdkClients(big, 'a.ts');
    assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  });
});
