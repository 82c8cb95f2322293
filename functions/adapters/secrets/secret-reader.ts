import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { caseDataRegion } from '../resource-regions.ts';

// Made on first use, with the environment of the function that reads (the secrets live in regions.caseData).
let defaultClient: SecretsManagerClient | undefined;
const secretsManager = () => {
  defaultClient ??= new SecretsManagerClient(caseDataRegion());
  return defaultClient;
};

/**
 * Reads a secret's string from Secrets Manager (decrypted with its KMS key), the current version unless
 * `versionStage` names another (AWSPREVIOUS during a rotation); local mode answers with a dev secret.
 */
export async function readSecretString(
  secretId: string,
  options: { versionStage?: 'AWSCURRENT' | 'AWSPREVIOUS'; client?: SecretsManagerClient } = {},
): Promise<string> {
  const out = await (options.client ?? secretsManager()).send(
    new GetSecretValueCommand({
      SecretId: secretId,
      ...(options.versionStage ? { VersionStage: options.versionStage } : {}),
    }),
  );
  if (!out.SecretString) throw new Error(`Secret ${secretId} has no string value`);
  return out.SecretString;
}
