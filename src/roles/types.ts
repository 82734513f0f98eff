/** Vocabulary of the roles analysis (issue 12). Pure data: no I/O, no `vscode`. */

/** What a literal in the code names, so a policy can be narrowed to it. */
export type ResourceKind = 'bucket' | 'table' | 'queue' | 'queue-url' | 'topic-arn' | 'secret' | 'function' | 'stream' | 'parameter' | 'state-machine-arn';

export interface ResourceHint {
  kind: ResourceKind;
  name: string;
}

/** One AWS API operation the code calls. `operation` is the SDK operation in PascalCase (or a helper, e.g. `UploadFile`). */
export interface ApiCall {
  /** IAM service prefix (`s3`, `dynamodb`, `states`…). */
  service: string;
  operation: string;
  file: string;
  line: number;
  /**
   * Literal resources the call names. `undefined` means the call names its resource with something that is not a
   * literal (or the kind of resource is unknown): the policy keeps `*` for it.
   */
  resources?: ResourceHint[];
  /** Extra hints for operations whose actions depend on the arguments (TransactWriteItems: `Put`, `Update`…). */
  detail?: string[];
}

export type Runtime = 'lambda' | 'ecs' | 'eks' | 'ec2' | 'github-actions' | 'unknown';

/** How the descriptor that defines a workload is written: decides the attach snippet. */
export type DescriptorKind =
  | 'sam'
  | 'cloudformation'
  | 'serverless'
  | 'cdk-typescript'
  | 'cdk-python'
  | 'cdk-java'
  | 'ecs-task-definition'
  | 'kubernetes'
  | 'terraform'
  | 'github-actions'
  | 'none';

/** A unit that runs under one IAM role, found in a descriptor. */
export interface WorkloadSpec {
  name: string;
  runtime: Runtime;
  descriptor: DescriptorKind;
  /** `file:line` of the descriptor entry that says so. */
  evidence: string;
  /** Code roots (POSIX paths relative to the scan root): a directory (trailing `/`) or a file. */
  roots: string[];
  /** Roots from an explicit pointer (handler, entry, script) beat roots that only say "this project". */
  explicit: boolean;
  /** Details for the snippet: Terraform resource address, ServiceAccount name, workflow job, Pod Identity… */
  meta?: Record<string, string>;
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface WorkloadResult {
  name: string;
  runtime: Runtime;
  evidence: string;
  files: string[];
  actions: string[];
  policy: PolicyDocument;
  staticKeyClients: number;
}

/** Extra facts for the markdown view and the editor; not part of the JSON contract. */
export interface WorkloadDetail {
  descriptor: DescriptorKind;
  meta: Record<string, string>;
  /** Calls whose operation the catalogue does not know: left out of the policy, said plainly. */
  unmapped: { service: string; operation: string; where: string }[];
  /** Actions that stay on `*` because no literal resource was found. */
  wildcardActions: string[];
  calls: ApiCall[];
}

interface RolesReport {
  version: 1;
  workloads: WorkloadResult[];
}

export interface RolesAnalysis {
  report: RolesReport;
  details: WorkloadDetail[];
  /** True when the IAM action catalogue was available to validate names. */
  catalogueVerified: boolean;
}
