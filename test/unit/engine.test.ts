import { strict as assert } from 'node:assert';
import { Edit } from 'web-tree-sitter';
import { Engine, MAX_FINDINGS_PER_RULE } from '../../server/src/engine/engine';
import { applyEdits, fix, replaceNode } from '../../server/src/engine/fix';
import { defineLanguageRule, defineRule, defineRuleMeta, type Rule } from '../../server/src/engine/rule';
import { unusedSuppressionMeta } from '../../server/src/engine/unused-suppression';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/config/types';
import { grammarFiles } from '../../server/src/workspace/grammar-files';

/** A rule that flags identifiers spelt BAD, in every code language and in config keys. */
const badMeta = defineRuleMeta({
  id: 'no-bad',
  title: 'Identifier spelt BAD',
  defaultSeverity: 'warning',
  category: 'Reliability',
  appliesToTests: false,
  fixable: true,
  messages: { bad: '`BAD` is bad.' },
});
const badQuery = '((identifier) @id (#eq? @id "BAD"))';
const bad = defineRule(badMeta, [
  ...(['rust', 'go', 'typescript', 'python'] as const).map((language) =>
    defineLanguageRule({
      language,
      prefilter: ['BAD'],
      query: badQuery,
      check({ captures }, context) {
        context.report({ node: captures.id!, messageId: 'bad', fixes: [fix('Rename to GOOD', [replaceNode(captures.id!, 'GOOD')])] });
      },
    }),
  ),
  defineLanguageRule({
    language: 'config',
    check(entry, context) {
      if (entry.key === 'BAD') context.report({ start: entry.keyStart, end: entry.keyEnd, messageId: 'bad' });
    },
  }),
]);

/** Applies in test code too, like hardcoded-secret. */
const everywhere = defineRule(
  defineRuleMeta({ ...badMeta, id: 'no-bad-anywhere', appliesToTests: true, messages: { bad: 'BAD anywhere.' } }),
  [defineLanguageRule({ language: 'go', query: badQuery, check: ({ captures }, context) => context.report({ node: captures.id!, messageId: 'bad' }) })],
);

const crashing = defineRule(defineRuleMeta({ ...badMeta, id: 'crashes', messages: { bad: 'never' } }), [
  defineLanguageRule({
    language: 'go',
    query: '(package_clause) @pkg',
    check() {
      throw new Error('boom');
    },
  }),
]);

const RULES: Rule[] = [bad, everywhere, crashing, defineRule(unusedSuppressionMeta, [])];

let engine: Engine;
before(async () => {
  engine = await Engine.create(grammarFiles(), RULES);
});

function analyze(path: string, text: string, config: Partial<ResolvedConfig> = {}) {
  const rules = { crashes: 'off' as const, 'no-bad-anywhere': 'off' as const, ...config.rules };
  return engine.analyze({ path, text, config: { ...DEFAULT_CONFIG, ...config, rules } });
}

function summary(path: string, text: string, config: Partial<ResolvedConfig> = {}): string[] {
  return analyze(path, text, config).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId}`);
}

describe('engine', () => {
  describe('rules and queries', () => {
    it('runs one combined query per grammar and dispatches each match to its rule', () => {
      assert.deepEqual(summary('a.go', 'package a\n\nvar BAD = 1\nvar ok = BAD\n'), ['3:5 no-bad', '4:10 no-bad']);
      assert.deepEqual(summary('a.rs', 'fn f() { let BAD = 1; }\n'), ['1:14 no-bad']);
      assert.deepEqual(summary('a.py', 'BAD = 1\n'), ['1:1 no-bad']);
      for (const path of ['a.ts', 'a.tsx', 'a.js', 'a.jsx', 'a.mjs', 'a.cts']) assert.deepEqual(summary(path, 'let BAD = 1;\n'), ['1:5 no-bad'], path);
    });

    it('reads config entries from .env, TOML, YAML and JSON', () => {
      assert.deepEqual(summary('.env', 'A=1\nBAD=2\n'), ['2:1 no-bad']);
      assert.deepEqual(summary('conf/app.toml', '[server]\nBAD = 1\n'), ['2:1 no-bad']);
      assert.deepEqual(summary('compose.yaml', 'services:\n  api:\n    environment:\n      - BAD=1\n'), ['4:9 no-bad']);
      assert.deepEqual(summary('settings.json', '{ "x": { "BAD": 1 } }'), ['1:10 no-bad']);
    });

    it('a rule that throws is reported as a note while the other rules still run', () => {
      const result = analyze('a.go', 'package a\n\nvar BAD = 1\n', { rules: { crashes: 'error', 'no-bad-anywhere': 'off' } });
      assert.deepEqual(result.findings.map((f) => f.ruleId), ['no-bad']);
      assert.deepEqual(result.notes.map((n) => [n.reason, n.message]), [['rule-crashed', 'rule crashes failed: boom']]);
    });

    it(`stops a rule after ${MAX_FINDINGS_PER_RULE} findings in one file, with a note, the same way every time`, () => {
      const text = `package a\n\n${Array.from({ length: MAX_FINDINGS_PER_RULE + 100 }, (_, index) => `var BAD${index} = BAD`).join('\n')}\n`;
      const first = analyze('a.go', text);
      assert.equal(first.findings.length, MAX_FINDINGS_PER_RULE);
      assert.deepEqual(first.notes.map((note) => note.reason), ['rule-limit']);
      assert.match(first.notes[0]!.message, /rule no-bad stopped after 500 findings/);
      assert.deepEqual(analyze('a.go', text).findings.map((f) => f.start), first.findings.map((f) => f.start));
    });

    it('honours configured severities and off', () => {
      assert.equal(analyze('a.go', 'package a\nvar BAD = 1\n', { rules: { 'no-bad': 'error' } }).findings[0]!.severity, 'error');
      assert.deepEqual(summary('a.go', 'package a\nvar BAD = 1\n', { rules: { 'no-bad': 'off' } }), []);
    });

    it('does not parse a file in which no rule can match', () => {
      const result = engine.analyze({ path: 'a.go', text: 'package a\n', config: DEFAULT_CONFIG });
      assert.equal(result.tree, undefined);
      assert.deepEqual(result.findings, []);
    });
  });

  describe('test code', () => {
    it('skips test files by path, except for rules that apply to tests', () => {
      const text = 'package a\n\nvar BAD = 1\n';
      const config = { rules: { 'no-bad-anywhere': 'warning' as const } };
      assert.deepEqual(summary('a_test.go', text, config), ['3:5 no-bad-anywhere']);
      assert.deepEqual(summary('pkg/testdata/x.go', text, config), ['3:5 no-bad-anywhere']);
      assert.deepEqual(summary('a_test.go', text, { ...config, tests: 'include' }), ['3:5 no-bad', '3:5 no-bad-anywhere']);
    });

    it('classifies test paths per language', () => {
      const cases: Array<[string, boolean]> = [
        ['src/lib.rs', false], ['tests/it.rs', true], ['benches/b.rs', true], ['examples/demo.rs', true], ['build.rs', true], ['crates/x/tests/it.rs', true],
        ['src/tests.rs', true], ['src/parser_tests.rs', true], ['src/test/mod.rs', true], ['src/test_utils.rs', true], ['src/latest.rs', false], ['src/contest.rs', false],
        ['pkg/a.go', false], ['pkg/a_test.go', true],
        ['src/a.ts', false], ['src/a.test.ts', true], ['src/a.spec.tsx', true], ['src/__tests__/a.js', true], ['test/a.js', true], ['spec/a.ts', true],
        ['app/a.py', false], ['app/test_a.py', true], ['app/a_test.py', true], ['tests/a.py', true], ['conftest.py', true],
        ['config/.env', false], ['tests/fixtures/.env', true],
      ];
      for (const [path, isTest] of cases) {
        const found = summary(path, path.endsWith('.env') ? 'BAD=1\n' : path.endsWith('.py') ? 'BAD = 1\n' : path.endsWith('.go') ? 'package a\nvar BAD = 1\n' : path.endsWith('.rs') ? 'fn f() { let BAD = 1; }\n' : 'let BAD = 1;\n');
        assert.equal(found.length === 0, isTest, path);
      }
    });

    it('skips Rust #[cfg(test)] modules and #[test] functions inside ordinary files', () => {
      const text = [
        'fn real() { let BAD = 1; }',
        '#[cfg(test)]',
        'mod tests {',
        '    fn helper() { let BAD = 2; }',
        '}',
        '#[test]',
        '#[should_panic]',
        'fn t() { let BAD = 3; }',
        '#[tokio::test]',
        'async fn t2() { let BAD = 4; }',
        '#[cfg(not(test))]',
        'fn prod() { let BAD = 5; }',
        '#[cfg(all(test, feature = "x"))]',
        'fn also_test() { let BAD = 6; }',
      ].join('\n');
      assert.deepEqual(summary('src/lib.rs', text), ['1:17 no-bad', '12:17 no-bad']);
      // Non-ASCII text before and on the attribute's line, and an attribute inside an impl.
      const unicode = [
        '// café 😀 naïve',
        'fn real() { let BAD = "é😀"; }',
        '/* ü */ #[cfg(test)] mod tests { fn helper() { let BAD = 2; } }',
        'impl S {',
        '    #[test] fn t() { let BAD = 3; }',
        '    #[inline] fn kept() { let BAD = 4; }',
        '}',
      ].join('\n');
      assert.deepEqual(summary('src/lib.rs', unicode), ['2:17 no-bad', '6:31 no-bad']);
    });
  });

  describe('skipped content', () => {
    it('skips generated, minified and lock files with the reason', () => {
      const note = (path: string, text: string): string | undefined => analyze(path, text).notes[0]?.reason;
      assert.equal(note('gen.go', '// Code generated by protoc-gen-go. DO NOT EDIT.\n\npackage a\nvar BAD = 1\n'), 'generated');
      assert.equal(note('gen.rs', '// @generated by build script\nfn f() { let BAD = 1; }\n'), 'generated');
      assert.equal(note('app.min.js', 'let BAD=1;'), 'minified');
      assert.equal(note('bundle.js', `let BAD=1;${'x=1;'.repeat(3000)}`), 'minified');
      assert.equal(note('pnpm-lock.yaml', 'lockfileVersion: 9\n'), 'generated');
      assert.equal(note('ok.js', `// a long literal is not minification\nconst s = "${'x'.repeat(6000)}";\n${'let a = 1;\n'.repeat(600)}`), undefined);
    });
  });

  describe('suppressions', () => {
    it('honours next-line, same-line and file directives in each comment syntax', () => {
      assert.deepEqual(summary('a.go', 'package a\n\n// readiness-ignore-next-line no-bad -- legacy name\nvar BAD = 1\nvar x = BAD // readiness-ignore-line no-bad\n'), []);
      assert.deepEqual(summary('a.py', '# readiness-ignore-file no-bad\nBAD = 1\nBAD = 2\n'), []);
      assert.deepEqual(summary('a.rs', 'fn f() {\n    /* readiness-ignore-next-line no-bad */\n    let BAD = 1;\n}\n'), []);
      assert.deepEqual(summary('.env', '# readiness-ignore-next-line no-bad\nBAD=1\n'), []);
      assert.deepEqual(summary('app.yaml', 'x:\n  BAD: 1 # readiness-ignore-line no-bad\n'), []);
      assert.deepEqual(summary('a.ts', '// readiness-ignore-next-line\nlet BAD = 1;\n'), [], 'no rule list means every rule');
    });

    it('a directive suppresses only the rules it names', () => {
      const result = analyze('a.go', 'package a\n\n// readiness-ignore-next-line no-bad-anywhere\nvar BAD = 1\n', { rules: { 'no-bad-anywhere': 'warning' } });
      assert.deepEqual(result.findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`), ['4 no-bad']);
    });

    it('reports stale directives and unknown rule ids, with a fix that removes them', () => {
      const text = 'package a\n\n// readiness-ignore-next-line no-bad\nvar good = 1\n';
      const [finding] = analyze('a.go', text).findings;
      assert.equal(finding!.ruleId, 'unused-suppression');
      assert.deepEqual(finding!.tags, ['unnecessary']);
      assert.equal(applyEdits(text, finding!.fixes[0]!.edits), 'package a\n\nvar good = 1\n');

      const partly = 'package a\n\n// readiness-ignore-next-line no-bad, no-such-rule\nvar BAD = 1\n';
      const stale = analyze('a.go', partly).findings.filter((f) => f.ruleId === 'unused-suppression');
      assert.equal(stale.length, 1);
      assert.match(stale[0]!.message, /"no-such-rule" is not a Readiness rule/);
      assert.equal(applyEdits(partly, stale[0]!.fixes[0]!.edits), 'package a\n\n// readiness-ignore-next-line no-bad\nvar BAD = 1\n');
    });

    it('ignores directives mentioned in prose', () => {
      assert.deepEqual(summary('a.go', 'package a\n\n// see readiness-ignore-next-line in the docs\nvar BAD = 1\n'), ['4:5 no-bad']);
    });

    it('offers suppression fixes in the right comment syntax and indentation', () => {
      const titles = (path: string, text: string): string[] => {
        const [finding] = analyze(path, text).findings;
        return finding!.fixes.filter((f) => f.kind === 'suppress').map((f) => applyEdits(text, f.edits));
      };
      assert.deepEqual(titles('a.py', 'def f():\n    BAD = 1\n'), [
        'def f():\n    # readiness-ignore-next-line no-bad\n    BAD = 1\n',
        '# readiness-ignore-file no-bad\ndef f():\n    BAD = 1\n',
      ]);
      assert.deepEqual(titles('a.go', 'package a\r\n\r\nvar BAD = 1\r\n'), [
        'package a\r\n\r\n// readiness-ignore-next-line no-bad\r\nvar BAD = 1\r\n',
        '// readiness-ignore-file no-bad\r\npackage a\r\n\r\nvar BAD = 1\r\n',
      ]);
      assert.deepEqual(titles('a.py', '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nBAD = 1\n')[1], '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# readiness-ignore-file no-bad\nBAD = 1\n');
      assert.deepEqual(titles('a.go', 'package a\n\n// readiness-ignore-next-line no-bad-anywhere\nvar BAD = 1\n')[0], 'package a\n\n// readiness-ignore-next-line no-bad-anywhere, no-bad\nvar BAD = 1\n');
    });

    it('never inserts a comment line inside a multi-line string', () => {
      const text = 'const s = `line\n${BAD}`;\n';
      const [finding] = analyze('a.ts', text).findings;
      assert.deepEqual(finding!.fixes.filter((f) => f.kind === 'suppress').map((f) => f.title), ['Suppress no-bad in this file']);
    });

    it('keeps that rule when a file has many findings, with non-ASCII text before them', () => {
      // Past the first few findings the engine lists multi-line tokens once instead of per finding.
      const lines = Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? `const a${index} = \`é\n\${BAD}\`;` : `const b${index} = BAD;`));
      const text = `// café 😀\n${lines.join('\n')}\n`;
      const findings = analyze('a.ts', text).findings;
      assert.equal(findings.length, 30);
      for (const finding of findings) {
        const lineSuppression = finding.fixes.some((f) => f.kind === 'suppress' && f.title.endsWith('on this line'));
        const lineStart = text.lastIndexOf('\n', finding.start - 1) + 1;
        const insideTemplate = text.slice(lineStart, finding.start) === '${';
        assert.equal(lineSuppression, !insideTemplate, `finding at ${finding.start}`);
      }
    });
  });

  describe('incremental parsing', () => {
    it('keeps the tree when asked and reuses an edited tree', () => {
      const first = engine.analyze({ path: 'a.go', text: 'package a\nvar BAD = 1\n', config: DEFAULT_CONFIG, keepTree: true });
      assert.ok(first.tree);
      first.tree.edit(
        new Edit({
          startIndex: 14, oldEndIndex: 17, newEndIndex: 18,
          startPosition: { row: 1, column: 4 }, oldEndPosition: { row: 1, column: 7 }, newEndPosition: { row: 1, column: 8 },
        }),
      );
      const second = engine.analyze({ path: 'a.go', text: 'package a\nvar BADD = 1\n', config: DEFAULT_CONFIG, previousTree: first.tree, keepTree: true });
      assert.deepEqual(second.findings, []);
      first.tree.delete();
      second.tree?.delete();
    });
  });
});
