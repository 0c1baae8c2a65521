import { strict as assert } from 'node:assert';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { Engine } from '../../server/src/engine/engine';
import { defineLanguageRule, defineRule, defineRuleMeta } from '../../server/src/engine/rule';
import { nodesSpelled, wordOffsets } from '../../server/src/rules/shared/facts';
import { grammarFiles } from '../../server/src/workspace/grammar-files';

const IDENTIFIERS: ReadonlySet<string> = new Set(['identifier', 'property_identifier', 'shorthand_property_identifier_pattern']);
const WORDS = Array.from({ length: 20 }, (_, index) => `name${index}`);

describe('facts by name', () => {
  it('finds words between non-word characters only', () => {
    assert.deepEqual(wordOffsets('fetch(x); refetch(); fetch_all; $fetch; fetch2 fetch', 'fetch'), [0, 47]);
  });

  it('finds the same nodes for a word whether the text is scanned for it or indexed after many lookups', async () => {
    // Every word looked up twice: the first lookups scan the text, the later ones use the index.
    const lookups: string[][] = [];
    const meta = defineRuleMeta({
      id: 'lookups',
      title: 'lookups',
      defaultSeverity: 'warning',
      category: 'Reliability',
      appliesToTests: false,
      fixable: false,
      messages: { none: 'none' },
    });
    const rule = defineRule(meta, [
      defineLanguageRule({
        language: 'typescript',
        query: '(program) @program',
        check(_match, context) {
          for (const word of [...WORDS, ...WORDS.slice().reverse()]) {
            lookups.push([word, ...nodesSpelled(context, word, IDENTIFIERS).map((node) => `${node.type}@${node.startIndex}`)]);
          }
        },
      }),
    ]);
    const engine = await Engine.create(grammarFiles(), [rule]);
    try {
      const text = WORDS.map((word, index) => `const ${word} = { ${word}: ${index} }; // ${word}\nconst { ${word}: x${index} } = ${word}, y${word} = '${word}';\n`).join('');
      engine.analyze({ path: 'a.ts', text, config: DEFAULT_CONFIG });
      assert.equal(lookups.length, 40);
      for (const word of WORDS) {
        const [first, second] = lookups.filter(([looked]) => looked === word);
        assert.deepEqual(second, first, word);
        // The declaration, the property key, the destructured key and the initialiser; not the comment, the string or `yname…`.
        assert.equal(first!.length - 1, 4, `${word}: ${first!.join(' ')}`);
      }
    } finally {
      engine.dispose();
    }
  });
});
