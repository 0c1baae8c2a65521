import { strict as assert } from 'node:assert';
import { languageForPath } from '../../server/src/languages';
import { RULES } from '../../server/src/rules';
import { testEngine } from '../support/engine';
import { analyzeFixture, compareWithExpectations, discoverFixtures, expectationsFor } from '../support/fixtures';
import { syntaxErrorsOf } from '../support/syntax';

const fixtures = discoverFixtures();

describe('rule fixtures', () => {
  for (const fixture of fixtures) {
    it(`${fixture.ruleId}: ${fixture.relativePath}`, async () => {
      const engine = await testEngine();
      if (!fixture.relativePath.includes('.broken.')) {
        assert.equal(syntaxErrorsOf(engine, fixture.relativePath, fixture.text), 0, 'the fixture itself has syntax errors; name it *.broken.* if that is the point');
      }
      const problems = compareWithExpectations(fixture, analyzeFixture(engine, fixture), expectationsFor(fixture));
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }

  describe('coverage', () => {
    for (const rule of RULES) {
      for (const languageRule of rule.languages) {
        it(`${rule.meta.id} has a positive fixture for ${languageRule.language}`, () => {
          const positives = fixtures.filter(
            (fixture) =>
              fixture.ruleId === rule.meta.id &&
              languageForPath(fixture.relativePath)?.family === languageRule.language &&
              expectationsFor(fixture).expected.some((expected) => expected.ruleId === rule.meta.id),
          );
          assert.ok(positives.length > 0, `no fixture under server/src/rules/${rule.meta.id}/fixtures expects a ${languageRule.language} finding`);
        });
      }
    }
  });
});
