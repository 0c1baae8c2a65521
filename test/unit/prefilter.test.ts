import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import type { Rule } from '../../server/src/engine/rule';
import { languageForPath } from '../../server/src/languages';
import { RULES } from '../../server/src/rules';
import { grammarFiles } from '../../server/src/workspace/grammar-files';
import { testEngine } from '../support/engine';
import { discoverFixtures } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';

/** The same rules with every text pre-filter and anchor removed: each file is parsed, its whole tree queried. */
const UNFILTERED: Rule[] = RULES.map((rule) => ({ ...rule, languages: rule.languages.map((languageRule) => ({ ...languageRule, prefilter: undefined, anchor: undefined })) }));

function sourceFiles(directory: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (languageForPath(path)) files.push(path);
  }
  return files;
}

const summary = (findings: Finding[]): string[] => findings.map((f) => `${f.start}-${f.end} ${f.ruleId} ${f.message}`);

describe('text pre-filters and anchors', () => {
  it('never hide a finding: every fixture and example gives the same findings with and without them', async () => {
    const filtered = await testEngine();
    const unfiltered = await Engine.create(grammarFiles(), UNFILTERED);
    try {
      const texts = [
        ...discoverFixtures().map((fixture) => ({ path: fixture.relativePath, text: fixture.text, config: fixture.config })),
        ...sourceFiles(join(REPO_ROOT, 'examples')).map((path) => ({ path: relative(REPO_ROOT, path), text: readFileSync(path, 'utf8'), config: DEFAULT_CONFIG })),
      ];
      assert.ok(texts.length > 100, `only ${texts.length} files to compare`);
      for (const { path, text, config } of texts) {
        const input = { path, text, config: { ...config, tests: 'include' as const } };
        assert.deepEqual(summary(filtered.analyze(input).findings), summary(unfiltered.analyze(input).findings), path);
      }
    } finally {
      unfiltered.dispose();
    }
  });
});
