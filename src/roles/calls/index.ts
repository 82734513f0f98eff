/** SDK calls in one source file → `ApiCall`s (service prefix + operation + literal resources). Pure. */
import { sdkLanguageOf } from '../../report/sdk-clients';
import type { SdkLanguage } from '../../report/types';
import type { ApiCall } from '../types';
import { extractGo } from './go';
import { extractJava } from './java';
import { extractJavaScript } from './javascript';
import { extractCSharp, extractKotlin, extractPhp, extractRuby } from './other';
import { extractPython } from './python';
import { makeSource, type ClientFlow, type ParamHints, type Source } from './source';

export type { ClientFlow, ParamHints } from './source';

const EXTRACTORS: Partial<Record<SdkLanguage, (src: Source) => void>> = {
  javascript: extractJavaScript,
  python: extractPython,
  go: extractGo,
  java: extractJava,
  csharp: extractCSharp,
  ruby: extractRuby,
  php: extractPhp,
  kotlin: extractKotlin,
};

/** Cheap gate: the file mentions an AWS SDK at all. */
const SDK_HINT = /@aws-sdk\/|aws-sdk|boto3|botocore|aws-sdk-go|software\.amazon\.awssdk|com\.amazonaws|using\s+Amazon\.|Aws::|Aws\\|aws\.sdk\.kotlin/;

/** Python helper modules receive sessions and clients without importing boto3: the extractor types them by name or hint. */
const PY_HINT = /\.\s*(?:client|resource)\s*\(|\bdef\s|_boto3_/;

/** Bound on the text examined per file: generated or minified giants are skipped, said by the caller. */
const MAX_SOURCE_CHARS = 2_000_000;

export function extractCalls(text: string, path: string, opts: { paramHints?: ParamHints; flows?: ClientFlow[] } = {}): ApiCall[] {
  const lang = sdkLanguageOf(path);
  const extract = lang && EXTRACTORS[lang];
  if (!extract || text.length > MAX_SOURCE_CHARS || !(SDK_HINT.test(text) || (lang === 'python' && PY_HINT.test(text)))) return [];
  const src = makeSource(text, path, lang);
  if (opts.paramHints) src.paramHints = opts.paramHints;
  if (opts.flows) src.flows = opts.flows;
  extract(src);
  return src.calls;
}

export function isSourceFile(path: string): boolean {
  const lang = sdkLanguageOf(path);
  return !!lang && lang !== 'terraform';
}
