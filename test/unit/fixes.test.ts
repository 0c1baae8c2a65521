import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { applyEdits, nonOverlappingPreferredEdits } from '../../server/src/engine/fix';
import type { Engine } from '../../server/src/engine/engine';
import { RULES } from '../../server/src/rules';
import { testEngine } from '../support/engine';
import { analyzeFixture, discoverFixtures, fixedPathFor, type Fixture } from '../support/fixtures';
import { REPO_ROOT } from '../support/paths';
import { syntaxErrorsOf } from '../support/syntax';

/** Applies every preferred fix, pass after pass like `eslint --fix`, until nothing changes. */
function fixAll(engine: Engine, fixture: Fixture): { text: string; fixed: number } {
  let text = fixture.text;
  let fixed = 0;
  for (let pass = 0; pass < 10; pass++) {
    const preferred = analyzeFixture(engine, fixture, text).map((finding) => finding.fixes.find((f) => f.isPreferred && f.kind !== 'suppress'));
    const { edits, applied } = nonOverlappingPreferredEdits(preferred);
    if (applied === 0) break;
    text = applyEdits(text, edits);
    fixed += applied;
  }
  return { text, fixed };
}

const fixtures = discoverFixtures();

describe('quick fixes', () => {
  for (const fixture of fixtures) {
    it(`${fixture.ruleId}: ${fixture.relativePath}: each fix alone re-parses and removes its finding`, async () => {
      const engine = await testEngine();
      const findings = analyzeFixture(engine, fixture);
      const baseErrors = syntaxErrorsOf(engine, fixture.relativePath, fixture.text);
      for (const finding of findings) {
        for (const candidate of finding.fixes) {
          const after = applyEdits(fixture.text, candidate.edits);
          const where = `${finding.range.start.line + 1}:${finding.range.start.character + 1} "${candidate.title}"`;
          assert.notEqual(after, fixture.text, `${where} changes nothing`);
          assert.ok(syntaxErrorsOf(engine, fixture.relativePath, after) <= baseErrors, `${where} introduces syntax errors:\n${after}`);
          const remaining = analyzeFixture(engine, fixture, after).filter((f) => f.ruleId === finding.ruleId);
          const before = findings.filter((f) => f.ruleId === finding.ruleId);
          assert.ok(remaining.length < before.length, `${where} leaves the finding in place`);
        }
      }
    });

    it(`${fixture.ruleId}: ${fixture.relativePath}: preferred fixes give the .fixed file`, async () => {
      const engine = await testEngine();
      const { text, fixed } = fixAll(engine, fixture);
      const expectedPath = fixedPathFor(fixture.file);
      if (fixed === 0) {
        assert.equal(fixture.fixedFile, undefined, `${relative(REPO_ROOT, expectedPath)} exists but no preferred fix applies`);
        return;
      }
      if (process.env.UPDATE_FIXED === '1') {
        // Snapshot update for authors; review the written file before committing it.
        writeFileSync(expectedPath, text);
        return;
      }
      assert.ok(fixture.fixedFile, `fixable case without ${relative(REPO_ROOT, expectedPath)}; the fixes produce:\n${text}`);
      assert.equal(text, readFileSync(fixture.fixedFile, 'utf8'));
    });
  }

  it('every fixable rule has at least one .fixed case', () => {
    for (const rule of RULES.filter((candidate) => candidate.meta.fixable && candidate.languages.length > 0)) {
      assert.ok(
        fixtures.some((fixture) => fixture.ruleId === rule.meta.id && fixture.fixedFile),
        `${rule.meta.id} is declared fixable but no fixture has a .fixed file`,
      );
    }
  });
});
