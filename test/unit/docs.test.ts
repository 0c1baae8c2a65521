import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import { RULES } from '../../server/src/rules';
import { ruleDocUrl } from '../../server/src/rules/docs';
import { testEngine } from '../support/engine';
import { REPO_ROOT } from '../support/paths';

const DOCS = join(REPO_ROOT, 'docs', 'rules');

/** The file name a documentation snippet is analysed as, by its fence's language. */
const FILE_FOR_FENCE: Record<string, string> = {
  rust: 'src/example.rs', go: 'example.go', ts: 'src/example.ts', tsx: 'src/example.tsx', js: 'src/example.js',
  python: 'app/example.py', yaml: 'compose.yaml', toml: 'config.toml', json: 'settings.json', env: '.env',
};

interface Example {
  fence: string;
  verdict: '❌' | '✅';
  code: string;
  line: number;
}

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const fence = /^```(\w+) (❌|✅)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(fence)) {
    examples.push({ fence: match[1]!, verdict: match[2] as Example['verdict'], code: match[3]!, line: markdown.slice(0, match.index).split('\n').length });
  }
  return examples;
}

describe('rule documentation', () => {
  it('has a page for every rule and a rule for every page', () => {
    const pages = readdirSync(DOCS).filter((name) => name.endsWith('.md')).map((name) => name.slice(0, -3)).sort();
    assert.deepEqual(pages, RULES.map((rule) => rule.meta.id).sort());
  });

  for (const rule of RULES) {
    describe(rule.meta.id, () => {
      const file = join(DOCS, `${rule.meta.id}.md`);
      const markdown = existsSync(file) ? readFileSync(file, 'utf8') : '';

      it('is titled with the rule id and the title in its metadata, and links from diagnostics', () => {
        assert.equal(markdown.split('\n')[0], `# ${rule.meta.id}: ${rule.meta.title}`);
        assert.ok(ruleDocUrl(rule.meta.id).endsWith(`/docs/rules/${rule.meta.id}.md`));
      });

      it('says how to suppress it', () => {
        assert.match(markdown, /readiness-ignore-(next-line|line|file)/);
      });

      it('has ❌ examples that fire and ✅ examples that stay silent', async () => {
        const engine = await testEngine();
        const examples = examplesOf(markdown);
        assert.ok(examples.some((example) => example.verdict === '❌'), 'at least one ❌ example');
        for (const example of examples) {
          const path = FILE_FOR_FENCE[example.fence];
          assert.ok(path, `line ${example.line}: no file type for fence ${example.fence}`);
          const result = engine.analyze({ path, text: example.code, config: DEFAULT_CONFIG });
          const own = result.findings.filter((finding) => finding.ruleId === rule.meta.id);
          if (example.verdict === '❌') assert.ok(own.length > 0, `line ${example.line}: the ❌ ${example.fence} example raises nothing`);
          else assert.deepEqual(own.map((finding) => finding.message), [], `line ${example.line}: the ✅ ${example.fence} example raises findings`);
        }
      });
    });
  }
});
