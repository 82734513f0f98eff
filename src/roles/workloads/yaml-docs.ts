/**
 * YAML for descriptors: CloudFormation short-form intrinsics (`!Ref`, `!GetAtt`, `!Sub`…) become their long form
 * (`{ Ref: … }`, `{ 'Fn::GetAtt': … }`) instead of warnings, and every document of a multi-document file is read.
 * Templated YAML (Helm `{{ }}`) that does not parse yields no documents: callers fall back to line patterns.
 */
import { parseAllDocuments, type Tags } from 'yaml';

const INTRINSICS = ['Ref', 'Condition', 'GetAtt', 'Sub', 'Join', 'If', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Base64', 'Equals', 'Not', 'And', 'Or', 'GetAZs', 'Cidr', 'Transform', 'Length', 'ToJsonString'];

function cfnTags(): Tags {
  const tags: Tags = [];
  for (const name of INTRINSICS) {
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    const wrap = (value: unknown) => ({ [key]: name === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
    tags.push({ tag: `!${name}`, resolve: (str: string) => wrap(str) });
    tags.push({ tag: `!${name}`, collection: 'seq', resolve: (seq: { toJSON(): unknown }) => wrap(seq.toJSON()) } as never);
    tags.push({ tag: `!${name}`, collection: 'map', resolve: (map: { toJSON(): unknown }) => wrap(map.toJSON()) } as never);
  }
  return tags;
}
const TAGS = cfnTags();

/** All documents of a YAML file as plain values; unparsable documents are skipped. */
export function readYamlDocs(text: string): unknown[] {
  try {
    const docs = parseAllDocuments(text, { customTags: TAGS, uniqueKeys: false, strict: false, logLevel: 'error' });
    const list = Array.isArray(docs) ? docs : [docs];
    return list.filter((d) => !d.errors.length).map((d) => d.toJS({ maxAliasCount: 100 }) as unknown);
  } catch {
    return [];
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** 1-based line of the first line matching `re`, or 1. */
export function lineMatching(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? text.slice(0, m.index).split('\n').length : 1;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
