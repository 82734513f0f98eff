/** Small formatting helpers shared by the renderers. */
import type { CredentialClass } from './types';

export const CLASS_LABEL: Record<CredentialClass, string> = {
  'default-chain': 'Default chain / roles',
  static: 'Static keys in code',
  'config-or-env': 'Keys from config / env',
};

export const LANGUAGE_LABEL: Record<string, string> = {
  javascript: 'JavaScript/TypeScript', python: 'Python', java: 'Java', kotlin: 'Kotlin', go: 'Go', csharp: 'C#',
  ruby: 'Ruby', php: 'PHP', rust: 'Rust', terraform: 'Terraform',
};

export function pct(x: number | null, digits = 0): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
