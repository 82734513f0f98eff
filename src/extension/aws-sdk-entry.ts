/**
 * The AWS SDK pieces the create-secret, check-key and rotation commands need, bundled into their own file
 * (dist/aws-sdk.js) so the extension bundle stays small and the SDK is parsed only when a command runs.
 */
export { ModifyDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';
export { CreateSecretCommand, DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
export { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
