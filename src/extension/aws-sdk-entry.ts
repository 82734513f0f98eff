/**
 * The AWS SDK pieces the create-secret and check-key commands need, bundled into their own file (dist/aws-sdk.js) so the
 * extension bundle stays small and the SDK is parsed only when the command runs.
 */
export { CreateSecretCommand, DescribeSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
export { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
