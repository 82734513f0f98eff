import assert from 'node:assert/strict';
import path from 'node:path';
import { minimatch } from 'minimatch';
import type { ProjectConfig } from '../../../src/node/config-schema';
import { excludedByConfig } from '../../../src/node/policy';

/** A config at `/proj` with these excludes (and nothing else). */
function config(exclude: string[], include: string[] = []): ProjectConfig {
  return { file: '/proj/.credential-hygiene.json', dir: '/proj', exclude, include, rules: {}, allow: { hashes: [], patterns: [] }, stopwords: [], customRules: [], skippedCustomRules: 0 };
}

/** What the exclude globs mean, written plainly with minimatch (no shortcuts), for comparison. */
function reference(globs: string[], rel: string): boolean {
  return globs.some((g) => {
    const glob = g.replace(/\/$/, '/**');
    return minimatch(rel, glob, { dot: true }) || (!g.includes('/') && minimatch(path.posix.basename(rel), glob, { dot: true }));
  });
}

describe('config exclude globs', () => {
  const globs = [
    'test/fixtures/**', 'scripts/gen-*secrets.mjs', 'docs/', '*.min.js', '**/*.pem', 'a/{b,c}/*.js', '**/.env*',
    '[ab]*.txt', 'foo?.js', 'vendor/**/x/**', './demo/**', '/abs/**', '!keep/**', '#comment', '+(a|b)/**', 'Docs/**',
    'bench/noise-*.json', 'a/b',
  ];
  const segments = ['a', 'b', 'c', 'x', 'demo', 'docs', 'Docs', 'test', 'fixtures', '.env.local', 'k.pem', 'foo1.js', 'bench', 'noise-1.json', 'q.min.js', 'keep', 'abs', 'vendor', 'gen-fake-secrets.mjs', 'scripts', 'a.txt'];

  it('decides every path as minimatch does (the literal-prefix shortcut never changes an answer)', () => {
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    let excluded = 0;
    for (let i = 0; i < 4000; i++) {
      const rel = Array.from({ length: 1 + next(4) }, () => segments[next(segments.length)]).join('/');
      for (const g of globs) {
        const want = reference([g], rel);
        assert.equal(excludedByConfig([config([g])], `/proj/${rel}`), want, `${g} on ${rel}`);
        if (want) excluded++;
      }
    }
    assert.ok(excluded > 1000, 'the generated paths exercise matches, not only misses');
  });

  it('applies only below the config directory, and never to a path named on the command line', () => {
    const cfg = config(['secrets/**']);
    assert.equal(excludedByConfig([cfg], '/proj/secrets/a.env'), true);
    assert.equal(excludedByConfig([cfg], '/projX/secrets/a.env'), false, 'a sibling directory with a common prefix');
    assert.equal(excludedByConfig([cfg], '/other/secrets/a.env'), false);
    assert.equal(excludedByConfig([cfg], '/proj/secrets/a.env', ['/proj/secrets']), false);
    assert.equal(excludedByConfig([cfg], '/proj/src/..secrets/a.env'), false);
  });
});
