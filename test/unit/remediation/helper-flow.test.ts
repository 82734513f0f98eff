/**
 * Credentials that reach a client through the program's own helper: followed only when the flow is certain (one
 * caller), otherwise no default-chain fix at all (never a wrong one) while the env-var fix still clears the pair.
 */
import * as assert from 'node:assert/strict';
import { scan } from '../../../src/engine';
import { fixLine } from '../../../src/remediation/fix-line';
import { allFakeValues, materialise } from './fake-secrets';

const VALUES = allFakeValues();
const left = (text: string) => VALUES.filter((v) => text.includes(v)).length;

const RUBY_TWO_CALLERS = `require 'aws-sdk-s3'

def create_s3_resource(credentials)
  Aws::S3::Resource.new(client: Aws::S3::Client.new(credentials: credentials))
end

user_buckets = create_s3_resource(Aws::Credentials.new('{{AKID}}', '{{ASKEY}}')).buckets.to_a
role_buckets = create_s3_resource(temp_credentials).buckets.to_a
`;

const JS_TWO_CALLERS = `const AWS = require("aws-sdk");

function callerArn(creds) {
  return new AWS.STS({ credentials: creds }).getCallerIdentity({}).promise();
}

const userCreds = { accessKeyId: "{{AKID}}", secretAccessKey: "{{ASKEY}}" };
callerArn(userCreds);
callerArn(otherCreds);
`;

const GO_TWO_CALLERS = `package main

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func newS3Client(ctx context.Context, keyID, secret string) *s3.Client {
	cfg, _ := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(keyID, secret, "")))
	return s3.NewFromConfig(cfg)
}

func main() {
	ctx := context.Background()
	admin := newS3Client(ctx, "{{AKID}}", "{{ASKEY}}")
	user := newS3Client(ctx, userKeyID, userSecret)
	_, _ = admin, user
}
`;

const CS_KEY_ID_ALREADY_FROM_ENV = `using Amazon.S3;

public static class Lister
{
    public static AmazonS3Client Make()
    {
        var accessKeyId = System.Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secretAccessKey = "{{ASKEY}}";
        return new AmazonS3Client(accessKeyId, secretAccessKey);
    }
}
`;

describe('remediation: credentials through helpers', () => {
  it('Ruby: a helper with another caller keeps its parameter, so there is no default-chain fix', () => {
    const text = materialise(RUBY_TWO_CALLERS);
    const dc = fixLine(text, 7, { path: 'scenario.rb', action: 'default-chain' });
    assert.equal(dc.applied.length, 0);
    const env = fixLine(text, 7, { path: 'scenario.rb', action: 'env-var' });
    assert.equal(env.left, 0);
    assert.equal(left(env.text), 0);
    assert.match(env.text, /Aws::Credentials\.new\(ENV\["AWS_ACCESS_KEY_ID"\], ENV\["AWS_SECRET_ACCESS_KEY"\]\)/);
  });

  it('JavaScript: a function called with other credentials too is not rewritten', () => {
    const text = materialise(JS_TWO_CALLERS);
    const dc = fixLine(text, 7, { path: 'sts.js', action: 'default-chain' });
    assert.equal(dc.applied.length, 0);
    assert.match(text, /function callerArn\(creds\)/);
  });

  it('Go: a helper called for two users keeps its parameters, so there is no default-chain fix', () => {
    const text = materialise(GO_TWO_CALLERS);
    const dc = fixLine(text, 18, { path: 'main.go', action: 'default-chain' });
    assert.equal(dc.applied.length, 0);
    const env = fixLine(text, 18, { path: 'main.go', action: 'env-var' });
    assert.equal(env.left, 0);
    assert.match(env.text, /newS3Client\(ctx, os\.Getenv\("AWS_ACCESS_KEY_ID"\), os\.Getenv\("AWS_SECRET_ACCESS_KEY"\)\)/);
  });

  it('a secret key no rule reports (positional, path-like) is cleared together with its key id', () => {
    // fake: a generated key id and a secret-key-shaped value made of word-like path segments, which the scan
    // takes for a path and misses
    const secret = ['Abcdefgh', 'Ijklmnop', 'Qrstuvw1', 'Xyzabcd2', 'Efgh'].join('/');
    const text = materialise(`require 'aws-sdk-s3'\n\nclient = Aws::S3::Client.new(credentials: Aws::Credentials.new('{{AKID}}', '${secret}'))\n`);
    assert.equal(scan(text, { path: 'list.rb' }).length, 1, 'only the key id is reported');
    for (const action of ['default-chain', 'env-var'] as const) {
      const r = fixLine(text, 3, { path: 'list.rb', action });
      assert.equal(r.applied.length, 1, action);
      assert.equal(r.left, 0, action);
      assert.ok(!r.text.includes(secret), action);
    }
  });

  it('C#: a secret whose key id is already read elsewhere never leaves the key id as the only constructor argument', () => {
    const text = materialise(CS_KEY_ID_ALREADY_FROM_ENV);
    const dc = fixLine(text, 8, { path: 'Lister.cs', action: 'default-chain' });
    assert.doesNotMatch(dc.text, /new AmazonS3Client\(accessKeyId\)/);
  });
});
