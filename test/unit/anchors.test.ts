import { strict as assert } from 'node:assert';
import { Query } from 'web-tree-sitter';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/config/types';
import { Engine } from '../../server/src/engine/engine';
import { defineLanguageRule, defineRule, defineRuleMeta, type Rule } from '../../server/src/engine/rule';
import { grammarFiles } from '../../server/src/workspace/grammar-files';

/** A Go rule reporting each match's `@node` capture. */
function goRule(id: string, query: string, options: { anchor?: RegExp; prefilter?: readonly string[] }): Rule {
  const meta = defineRuleMeta({ id, title: id, defaultSeverity: 'warning', category: 'Reliability', appliesToTests: false, fixable: false, messages: { found: `${id}.` } });
  return defineRule(meta, [
    defineLanguageRule({
      language: 'go',
      ...(options.prefilter ? { prefilter: options.prefilter } : {}),
      ...(options.anchor ? { anchor: options.anchor } : {}),
      query,
      check({ captures }, context) {
        context.report({ node: captures.node!, messageId: 'found' });
      },
    }),
  ]);
}

// The whole call is captured: a call spanning lines overlaps several anchor lines.
const BAD_CALLS = '(call_expression function: (identifier) @name (#eq? @name "bad")) @node';

function callRule(id: string, anchor: RegExp | undefined, prefilter: readonly string[] | undefined = ['bad(']): Rule {
  return goRule(id, BAD_CALLS, { ...(anchor ? { anchor } : {}), ...(prefilter ? { prefilter } : {}) });
}

function otherRule(): Rule {
  return goRule('returns', '(return_statement) @node', { prefilter: ['return'] });
}

/** Query runs during `run`: whole-tree runs and runs limited to a range. */
function countQueryRuns(run: () => void): { whole: number; ranged: number } {
  const counts = { whole: 0, ranged: 0 };
  const original = Query.prototype.matches;
  Query.prototype.matches = function (this: Query, ...args: Parameters<Query['matches']>) {
    if (args[1]?.startPosition) counts.ranged++;
    else counts.whole++;
    return original.apply(this, args);
  };
  try {
    run();
  } finally {
    Query.prototype.matches = original;
  }
  return counts;
}

const filler = Array.from({ length: 200 }, (_, index) => `func f${index}(a int) int {\n\tx := a * ${index}\n\treturn x\n}\n`).join('\n');
const text = `package a\n\n${filler}\nfunc g() {\n\tbad(1)\n\tok(bad(2),\n\t\tbad(3))\n\tbad(\n\t\t4,\n\t)\n}\n`;

describe('query anchors', () => {
  let anchored: Engine;
  let plain: Engine;
  before(async () => {
    anchored = await Engine.create(grammarFiles(), [callRule('bad-calls', /\bbad\(/), otherRule()]);
    plain = await Engine.create(grammarFiles(), [callRule('bad-calls', undefined), otherRule()]);
  });
  after(() => {
    anchored.dispose();
    plain.dispose();
  });

  const config: ResolvedConfig = { ...DEFAULT_CONFIG, rules: { returns: 'off' } };
  const findings = (engine: Engine, source: string, configured: ResolvedConfig = config): string[] =>
    engine.analyze({ path: 'a.go', text: source, config: configured }).findings.map((finding) => `${finding.range.start.line + 1} ${finding.ruleId} ${source.slice(finding.start, finding.end).replace(/\s+/g, ' ')}`);

  it('run the query over the anchor lines only, and find each match once, as the whole tree does', () => {
    let result: string[] = [];
    const runs = countQueryRuns(() => (result = findings(anchored, text)));
    assert.equal(runs.whole, 0, 'no whole-tree run');
    assert.ok(runs.ranged >= 1, 'ranged runs');
    assert.deepEqual(result, findings(plain, text));
    assert.equal(result.length, 4);
  });

  it('give way to the whole tree when a rule the file runs has no anchor', () => {
    const both = { ...DEFAULT_CONFIG };
    const runs = countQueryRuns(() => findings(anchored, text, both));
    assert.deepEqual(runs, { whole: 1, ranged: 0 });
    assert.deepEqual(findings(anchored, text, both), findings(plain, text, both));
  });

  it('serve as the pre-filter of a rule without one: a file without an anchor line is not parsed', async () => {
    const engine = await Engine.create(grammarFiles(), [callRule('bad-calls', /\bbad\(/, undefined)]);
    try {
      const parse = engine.parse.bind(engine);
      let parses = 0;
      engine.parse = (...args: Parameters<Engine['parse']>) => {
        parses++;
        return parse(...args);
      };
      const analyze = (source: string) => engine.analyze({ path: 'a.go', text: source, config: DEFAULT_CONFIG });
      assert.deepEqual(analyze('package a\n\nfunc g() { good(1) }\n').findings, []);
      assert.equal(parses, 0, 'not parsed');
      assert.equal(analyze(text).findings.length, 4);
      assert.equal(parses, 1);
    } finally {
      engine.dispose();
    }
  });

  it('give way to the whole tree when anchor lines are most of the file', () => {
    const dense = `package a\n\nfunc g() {\n${'\tbad(1)\n'.repeat(50)}}\n`;
    const runs = countQueryRuns(() => findings(anchored, dense));
    assert.deepEqual(runs, { whole: 1, ranged: 0 });
    assert.equal(findings(anchored, dense).length, 50);
  });
});
