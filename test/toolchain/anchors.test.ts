/**
 * Query anchors on real code: rules with an anchor run their query over the anchor lines only, and
 * must find exactly what the whole-tree query finds. Checked on Go's standard library, Debian's Rust
 * crates and Python's standard library, the installed code this machine has (.ci/run installs it).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { Engine } from '../../server/src/engine/engine';
import type { Rule } from '../../server/src/engine/rule';
import { RULES } from '../../server/src/rules';
import { grammarFiles } from '../../server/src/workspace/grammar-files';
import { collectFiles } from '../../server/src/workspace/walk';

const inCI = process.env.CI === 'true';
const UNANCHORED: Rule[] = RULES.map((rule) => ({ ...rule, languages: rule.languages.map((languageRule) => ({ ...languageRule, anchor: undefined })) }));

const TREES = [
  { name: "Go's standard library", root: '/usr/share/go-1.19/src', every: 2, install: 'apt-get install golang-go' },
  { name: "Debian's Rust crates", root: '/usr/share/cargo/registry', every: 4, install: 'apt-get install librust-reqwest-dev librust-tokio-dev' },
  { name: "Python's standard library", root: '/usr/lib/python3.11', every: 2, install: 'python3 is part of the image' },
];

describe('query anchors on real code', function () {
  this.timeout(5 * 60_000);
  let anchored: Engine;
  let plain: Engine;
  before(async () => {
    anchored = await Engine.create(grammarFiles(), RULES);
    plain = await Engine.create(grammarFiles(), UNANCHORED);
  });
  after(() => {
    anchored?.dispose();
    plain?.dispose();
  });

  for (const tree of TREES) {
    it(`find what the whole-tree queries find in ${tree.name}`, async function () {
      if (!existsSync(tree.root)) {
        const message = `${tree.root} is missing, so anchors are NOT checked on ${tree.name} here (${tree.install})`;
        if (inCI) assert.fail(`${message}; .ci/run must install it`);
        console.warn(`\n  !!! ${message}\n`);
        this.skip();
      }
      // Test code included: it is real code too, and only the anchors are under test.
      const config = { ...DEFAULT_CONFIG, tests: 'include' as const };
      const { files } = await collectFiles([tree.root], tree.root, config);
      const sample = files.filter((_, index) => index % tree.every === 0);
      assert.ok(sample.length > 300, `only ${sample.length} files in ${tree.root}`);
      let findings = 0;
      for (const file of sample) {
        let text: string;
        try {
          text = readFileSync(file.absolutePath, 'utf8');
        } catch {
          continue;
        }
        const input = { path: file.absolutePath, relativePath: file.relativePath, text, config };
        const summary = (engine: Engine): string[] => engine.analyze(input).findings.map((finding) => `${finding.start}-${finding.end} ${finding.ruleId}`);
        const expected = summary(plain);
        assert.deepEqual(summary(anchored), expected, file.relativePath);
        findings += expected.length;
      }
      assert.ok(findings > 0, 'the sample has findings to compare');
    });
  }
});
