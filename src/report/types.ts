/** Vocabulary of the credential hygiene report. Pure data: no I/O, no `vscode`. */
import type { FindingKind, Severity } from '../engine';

export type SdkLanguage = 'javascript' | 'python' | 'java' | 'kotlin' | 'go' | 'csharp' | 'ruby' | 'php' | 'rust' | 'terraform';

/**
 * How an AWS SDK client (or provider/config block) gets its credentials:
 *  - `default-chain`: nothing explicit (the SDK default chain), or an explicit default/instance/container/
 *    web-identity/SSO/assume-role provider — temporary credentials through roles.
 *  - `static`: literal keys, or a static provider fed literals / constants bound to literals.
 *  - `config-or-env`: keys or a profile name passed in from environment variables, configuration, a profile,
 *    variables or parameters the detector cannot trace to a literal.
 */
export const CREDENTIAL_CLASSES = ['default-chain', 'static', 'config-or-env'] as const;
export type CredentialClass = (typeof CREDENTIAL_CLASSES)[number];

export interface SdkClient {
  language: SdkLanguage;
  /** SDK family, e.g. `js-v3`, `js-v2`, `boto3`, `java-v2`, `java-v1`, `kotlin`, `go-v2`, `go-v1`, `dotnet`, `ruby`, `php`, `rust`, `terraform`. */
  sdk: string;
  /** What was constructed: `S3Client`, `boto3.client`, `AmazonS3ClientBuilder`, `provider "aws"`, … Never a value. */
  construct: string;
  /** Service name when it is a plain literal (`s3` in `boto3.client("s3")`). */
  service?: string;
  class: CredentialClass;
  /** Short explanation from a fixed vocabulary plus identifier names (never a literal value). */
  reason: string;
  line: number;
  column: number;
  startOffset: number;
  endOffset: number;
}

export type ClassCounts = Record<CredentialClass, number>;

export interface FileRow {
  path: string;
  clients: ClassCounts;
  findings: number;
  /** Findings per kind (only kinds that occur). */
  findingsByKind: Partial<Record<FindingKind, number>>;
  secretsManagerLookups: number;
}

export interface FolderRow {
  folder: string;
  files: number;
  clients: ClassCounts;
  findings: number;
  secretsManagerLookups: number;
}

export interface ReportFinding {
  path: string;
  line: number;
  column: number;
  ruleId: string;
  kind: FindingKind;
  severity: Severity;
  /** First characters then `…` (the engine's mask). */
  secretMasked: string;
  fingerprint: string;
}

export interface ReportClient extends Omit<SdkClient, 'startOffset' | 'endOffset'> {
  path: string;
}

export interface HygieneReport {
  schema: 'credential-hygiene/hygiene-report';
  version: 1;
  tool?: { name: string; version: string };
  generatedAt?: string;
  totals: {
    files: number;
    filesWithClients: number;
    filesWithFindings: number;
    clients: number;
    findings: number;
    secretsManagerLookups: number;
  };
  clients: {
    byClass: ClassCounts;
    byLanguage: Partial<Record<SdkLanguage, ClassCounts>>;
    bySdk: Record<string, ClassCounts>;
    byConstruct: Record<string, ClassCounts>;
    /** Share of clients per class (0–1, null when there are no clients). */
    shares: Record<CredentialClass, number | null>;
    items: ReportClient[];
  };
  findings: {
    byKind: Partial<Record<FindingKind, number>>;
    bySeverity: Record<Severity, number>;
    items: ReportFinding[];
  };
  secrets: {
    /** Secrets Manager lookups in code (see docs/report.md for the patterns). */
    movedToSecretsManager: number;
    /** Credential findings still in code. */
    stillInCode: number;
    /** moved / (moved + stillInCode); null when both are 0. */
    movedShare: number | null;
    /** Literal secret ids the lookups read (names, not values). */
    secretIds: string[];
  };
  /** Inline ignore directives in the scanned files. */
  inlineIgnores: InlineIgnoreCounts;
  /** The seed assessment's four questions (`report`; see docs/report.md). */
  assessment?: Assessment;
  files: FileRow[];
  folders: FolderRow[];
  /** Only with `report --history` (it walks every commit): secrets in git history, see docs/history.md. */
  history?: HistoryReport;
  score: {
    value: number;
    grade: 'A' | 'B' | 'C' | 'D' | 'F';
    /** Client component C (0–1) or null when no client was found. */
    clients: number | null;
    /** Secrets component S (0–1) or null when there is nothing to count. */
    secrets: number | null;
    formula: string;
  };
}

/** Secrets found in git history, each once per file at its introducing commit (values masked). */
export interface HistoryReport {
  commits: number;
  /** Distinct secrets in history (per file). */
  secrets: number;
  stillInHead: number;
  /** In history but no longer in HEAD: invisible to a tree scan, still to rotate. */
  onlyInHistory: number;
  partial?: string;
  items: { path: string; line: number; kind: FindingKind; ruleId: string; secretMasked: string; commit: string; author: string; date: string; inHead: boolean }[];
}

// The seed assessment (assessment.ts judges these facts).

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  added: number;
  removed: number;
}

export interface ControlEvidence {
  /** What enforces the check, e.g. `pre-commit: credential-hygiene (.pre-commit-config.yaml)`. */
  kind: 'pre-commit' | 'ci';
  tool: string;
  file: string;
}

export interface InlineIgnoreCounts {
  total: number;
  withReason: number;
  withExpiry: number;
  /** Directives of other scanners' dialects (gitleaks:allow…): honoured, but carry no reason. */
  foreign: number;
}

export interface ControlsFacts {
  evidence: ControlEvidence[];
  baseline: { entries: number; ageDays: number } | null;
  ignores: InlineIgnoreCounts;
}

export interface RotationStatus {
  secretId: string;
  rotationEnabled: boolean;
  lastRotated: string | null;
  nextRotation: string | null;
  /** Set when DescribeSecret failed for this id (not found, access denied, network). */
  error?: string;
}

export interface Assessment {
  rolesVsKeys: { defaultChain: number; static: number; configOrEnv: number; percentRoles: number | null };
  trend: MonthCount[] | null;
  /** Why there is no trend (not a git work tree, shallow clone…). */
  trendNote?: string;
  controls: {
    preCommit: boolean;
    ciGate: boolean;
    baseline: { entries: number; ageDays: number } | null;
    evidence: ControlEvidence[];
    ignores: InlineIgnoreCounts;
  };
  secretsManager: { lookups: number; secretIds: string[]; rotation: RotationStatus[] | null };
  verdicts: Verdict[];
}

export interface Verdict {
  question: 1 | 2 | 3 | 4;
  title: string;
  /** Well-Architected practice the evidence supports, with its link. */
  practice: { id: string; title: string; url: string };
  status: 'good' | 'attention' | 'missing';
  verdict: string;
  evidence: string[];
  next: string[];
}
