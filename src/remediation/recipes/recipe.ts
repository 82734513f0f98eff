/** The contract every per-language recipe implements. */
import type { Finding } from '../../engine/types';
import type { Fix, FixInput, LanguageFamily } from '../types';
import type { Lexed } from '../../syntax/lexer';
import type { Site } from '../context';

export interface RecipeContext {
  input: FixInput;
  text: string;
  lang: LanguageFamily;
  lx: Lexed;
  finding: Finding;
  /** All findings of the document (at least `finding`). */
  findings: Finding[];
  /** Literal/declaration analysis; undefined for line-oriented config formats or unquoted values. */
  site?: Site;
}

export interface Recipe {
  /** Remove static AWS credentials so the SDK falls back to its default credential chain. */
  defaultChain?(ctx: RecipeContext): Fix | undefined;
  /** Replace a secret literal with a Secrets Manager lookup. */
  secretsManager?(ctx: RecipeContext): Fix | undefined;
  /** Replace a secret literal with an environment-variable read. */
  envVar?(ctx: RecipeContext): Fix | undefined;
}

export const ROTATE_NOTICE =
  'Deactivate and rotate this AWS access key in IAM now: removing it from the code does not remove it from git history or from copies already pushed.';
export const SECRET_NOTICE =
  'Rotate this secret: the old value is still in git history. Store the new value in AWS Secrets Manager under the proposed id (IAM: secretsmanager:GetSecretValue).';
export const ENV_NOTICE = 'Rotate this secret: the old value is still in git history. Provide the new value through the environment.';

export const AWS_KINDS = new Set(['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']);
