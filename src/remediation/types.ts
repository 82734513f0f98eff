/** Public vocabulary of the remediation module. Pure data: no I/O, no `vscode`. */
import type { Finding } from '../engine/types';

export type FixKind = 'default-chain' | 'secrets-manager' | 'env-var';

/** A replacement of `original.slice(start, end)` by `newText`; offsets are 0-based UTF-16 into the ORIGINAL text. */
export interface TextEdit { start: number; end: number; newText: string }

export interface Fix {
  /** Stable id, equal to the kind for the built-in fixes. */
  id: string;
  title: string;
  kind: FixKind;
  /** The safest fix for this finding (at most one per finding). */
  preferred?: boolean;
  /** Non-overlapping edits, sorted by `start`, offsets into the original text. */
  edits: TextEdit[];
  /** Secret id used by a Secrets Manager lookup (proposed or taken from the input). */
  secretId?: string;
  /** JSON key read from a key/value secret, when the lookup uses one. */
  secretKey?: string;
  /** Environment variable read by an env-var fix. */
  envVar?: string;
  /** Non-blocking advice to show after applying (e.g. rotate the leaked key). */
  notice?: string;
}

export interface FixInput {
  text: string;
  languageId?: string;
  path?: string;
  finding: Finding;
  /** All findings of the document, so that a key id and its secret key are fixed together. */
  findings?: Finding[];
  /** Overrides the proposed Secrets Manager secret id. `id#key` selects a JSON key of a key/value secret. */
  secretId?: string;
}

export type LanguageFamily =
  | 'javascript' | 'typescript' | 'python' | 'java' | 'kotlin' | 'go' | 'csharp' | 'php' | 'rust' | 'ruby'
  | 'terraform' | 'dotenv' | 'docker-compose' | 'github-actions' | 'yaml' | 'aws-credentials' | 'dockerfile'
  | 'properties' | 'spring-yaml' | 'appsettings'
  | 'unknown';
