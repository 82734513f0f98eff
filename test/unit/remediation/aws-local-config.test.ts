import * as assert from 'node:assert/strict';
import { credentialSources, regionFromAwsConfig, regionFromText, sdkRegion } from '../../../src/remediation/aws-local-config';

describe('AWS local config (issue 16 point 4)', () => {
  it('finds the region a file names', () => {
    assert.equal(regionFromText('DB_PASSWORD=x\nAWS_REGION=us-east-1\n'), 'us-east-1');
    assert.equal(regionFromText('export AWS_DEFAULT_REGION="eu-west-3"'), 'eu-west-3');
    assert.equal(regionFromText('s3 = boto3.client("s3", region_name="ap-southeast-2")'), 'ap-southeast-2');
    assert.equal(regionFromText("new S3Client({ region: 'eu-central-1' })"), 'eu-central-1');
    assert.equal(regionFromText('cfg := &aws.Config{Region: aws.String("us-west-2")}'), 'us-west-2');
    assert.equal(regionFromText('S3Client.builder().region(Region.EU_WEST_1).build()'), 'eu-west-1');
    assert.equal(regionFromText('new AmazonS3Client(RegionEndpoint.USEast1)'), 'us-east-1');
    assert.equal(regionFromText('provider "aws" {\n  region = "us-gov-west-1"\n}'), 'us-gov-west-1');
    assert.equal(regionFromText('region = var.region'), undefined);
    assert.equal(regionFromText('AWS_REGION=${REGION}'), undefined);
  });

  it('reads the profile region from ~/.aws/config', () => {
    const config = '[default]\nregion = eu-north-1\n\n[profile work]\nregion=us-east-2\nsso_session = corp\n';
    assert.equal(regionFromAwsConfig(config), 'eu-north-1');
    assert.equal(regionFromAwsConfig(config, 'work'), 'us-east-2');
    assert.equal(regionFromAwsConfig(config, 'missing'), undefined);
    assert.equal(sdkRegion({ env: { AWS_PROFILE: 'work' }, configText: config, credentialsText: '' }), 'us-east-2');
    assert.equal(sdkRegion({ env: { AWS_REGION: 'sa-east-1' }, configText: config, credentialsText: '' }), 'sa-east-1');
  });

  it('lists the local credential sources of the default chain', () => {
    const none = { env: {}, configText: '', credentialsText: '' };
    assert.deepEqual(credentialSources(none), []);
    assert.deepEqual(credentialSources({ ...none, env: { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' } }), ['environment variables']);
    assert.deepEqual(credentialSources({ ...none, credentialsText: '[default]\naws_access_key_id = a\naws_secret_access_key = b\n' }), ['profile "default" (credentials file)']);
    assert.deepEqual(credentialSources({ ...none, env: { AWS_PROFILE: 'work' }, configText: '[profile work]\nsso_session = corp\n' }), ['profile "work" (SSO)']);
    assert.deepEqual(credentialSources({ ...none, env: { AWS_PROFILE: 'work' }, credentialsText: '[default]\naws_access_key_id = a\naws_secret_access_key = b\n' }), [], 'another profile does not count');
    assert.deepEqual(credentialSources({ ...none, env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/creds' } }), ['container credentials']);
  });
});
