/** What `scan` (files, `--staged`/`--since`, `--history`) and `baseline` are asked to do, parsed by scan.ts. */
import type { ScanOptions } from '../../engine';

export interface ScanCliOptions {
  paths: string[];
  /** True when PATH arguments were given (not the default '.'). */
  explicitPaths: boolean;
  format: 'text' | 'json' | 'sarif';
  output?: string;
  excludeGlobs: string[];
  gitignore: boolean;
  maxFileBytes: number;
  threads?: number;
  scan: ScanOptions;
  staged: boolean;
  since?: string;
  baseline?: string;
  noBaseline: boolean;
  reportUnused: boolean;
  config: boolean;
  inlineIgnores: boolean;
  /** `--history`: walk git history instead of files (scan-history.ts). */
  history?: boolean;
  branches?: string[];
  verify: boolean;
}
