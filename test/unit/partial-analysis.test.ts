import { strict as assert } from 'node:assert';
import type { Engine } from '../../server/src/engine/engine';
import { DEFAULT_CONFIG } from '../../server/src/config/types';
import type { Finding } from '../../server/src/engine/finding';
import { OpenDocument } from '../../server/src/lsp/documents';
import { mergeRegionFindings } from '../../server/src/lsp/partial';
import { testEngine } from '../support/engine';

/**
 * An editor re-analyses only the functions around an edit and keeps the other findings, moved with
 * the text. For edits inside functions of rules with no effects across functions, that must give
 * exactly what a whole analysis gives.
 */

const SOURCES: Record<string, { path: string; unit: (i: number) => string; header: string }> = {
  rust: {
    path: 'src/lib.rs',
    header: 'use std::sync::Mutex;\n\n',
    unit: (i) => `/// Item ${i}.\npub fn item_${i}(m: &Mutex<u32>, raw: &str) -> u32 {\n    let g = m.lock().unwrap();\n    let n: u32 = raw.parse().unwrap();\n    *g + n + ${i}\n}\n\n`,
  },
  go: {
    path: 'main.go',
    header: 'package main\n\nimport (\n\t"net/http"\n\t"os"\n)\n\n',
    unit: (i) => `// item${i} does things.\nfunc item${i}(url string) int {\n\tf, _ := os.Open(url)\n\t_ = f\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn ${i}\n\t}\n\treturn resp.StatusCode\n}\n\n`,
  },
  typescript: {
    path: 'src/app.ts',
    header: "import axios from 'axios';\n\n",
    unit: (i) => `/** Item ${i}. */\nexport async function item${i}(base: string, v?: string): Promise<number> {\n  const r = await fetch(\`\${base}/${i}\`);\n  const a = await axios.get(base);\n  return r.status + a.status + v!.length;\n}\n\n`,
  },
  python: {
    path: 'app/jobs.py',
    header: 'import requests\n\n\n',
    unit: (i) => `def item_${i}(url):\n    """Item ${i}."""\n    r = requests.get(url)\n    return r.status_code + ${i}\n\n\n`,
  },
};

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const comparable = (findings: readonly Finding[]): string[] =>
  findings.map((finding) => `${finding.ruleId} ${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character} ${finding.message} [${finding.fixes.map((fix) => fix.edits.map((edit) => `${edit.start}-${edit.end}:${edit.newText}`).join(',')).join('|')}]`);

describe('partial re-analysis of large buffers', () => {
  let engine: Engine;
  before(async () => {
    engine = await testEngine();
  });

  for (const [language, source] of Object.entries(SOURCES)) {
    it(`${language}: edits inside functions give the same findings as a whole analysis`, () => {
      const text = source.header + Array.from({ length: 60 }, (_, i) => source.unit(i)).join('');
      const document = new OpenDocument(`file:///ws/${source.path}`, text, 1);
      const analyse = (): { partial: boolean } => {
        const dirty = document.tree && document.dirty?.length ? document.dirty : undefined;
        const result = engine.analyze({ path: document.uri, relativePath: source.path, text: document.text, config: DEFAULT_CONFIG, previousTree: document.tree, keepTree: true, ...(dirty ? { dirty } : {}) });
        document.replaceTree(result.tree);
        const findings = result.regions ? mergeRegionFindings(document, result.findings, result.regions) : result.findings;
        document.analyzed(findings, document.version, result.regions !== undefined);
        return { partial: result.regions !== undefined };
      };
      analyse();
      assert.ok(document.findings.length >= 60, `the source has findings to keep (${document.findings.length})`);
      const next = random(language.length * 7919);
      let partialRuns = 0;
      try {
        for (let step = 0; step < 40; step++) {
          // Type or delete a character at the start of a random line, or a newline in the middle of one.
          const lines = document.text.split('\n');
          const line = 2 + Math.floor(next() * (lines.length - 4));
          const kind = next();
          const lineText = lines[line]!;
          let change;
          if (kind < 0.4) change = { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' };
          else if (kind < 0.7 && lineText.startsWith(' ')) change = { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
          else change = { range: { start: { line, character: lineText.length }, end: { line, character: lineText.length } }, text: '\n' };
          document.applyChanges([change], document.version + 1);
          if (analyse().partial) partialRuns++;
          const whole = engine.analyze({ path: document.uri, relativePath: SOURCES[language]!.path, text: document.text, config: DEFAULT_CONFIG }).findings;
          assert.deepEqual(comparable(document.findings), comparable(whole), `after edit ${step} at line ${line + 1}`);
        }
      } finally {
        document.dropTree();
      }
      assert.ok(partialRuns >= 20, `most edits re-analysed only their function (${partialRuns} of 40)`);
    });
  }

  it('falls back to a whole analysis for an edit outside every function', async () => {
    const source = SOURCES.typescript!;
    const text = source.header + Array.from({ length: 5 }, (_, i) => source.unit(i)).join('');
    const first = engine.analyze({ path: 'a.ts', text, config: DEFAULT_CONFIG, keepTree: true });
    const document = new OpenDocument('file:///ws/a.ts', text, 1);
    document.replaceTree(first.tree);
    document.analyzed(first.findings, 1, false);
    // Rename the import: findings anywhere may depend on it.
    document.applyChanges([{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 12 } }, text: 'client' }], 2);
    const result = engine.analyze({ path: 'a.ts', text: document.text, config: DEFAULT_CONFIG, previousTree: document.tree, keepTree: true, dirty: document.dirty! });
    try {
      assert.equal(result.regions, undefined);
      assert.ok(!result.findings.some((finding) => finding.message.includes('axios')), 'axios calls are no longer recognised once the import is renamed');
    } finally {
      result.tree?.delete();
      document.dropTree();
    }
  });

  it('re-analyses the whole buffer when a suppression comment is edited', () => {
    const document = new OpenDocument('file:///ws/a.rs', 'fn f() {\n    let x = y.unwrap();\n}\n', 1);
    document.analyzed([], 1, false);
    document.applyChanges([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '    // readiness-ignore-next-line unwrap\n' }], 2);
    assert.equal(document.dirty, undefined);
  });
});
