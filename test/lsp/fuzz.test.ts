import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { SourceDocument } from '../../server/src/engine/document';
import { workspace } from '../support/cli';
import { LspClient } from '../support/lsp-client';

/** Seed texts per language, with findings in them so edits keep moving real diagnostics. */
const SEEDS: Record<string, string> = {
  'svc.go': 'package svc\n\nimport "crypto/tls"\n\nfunc C() *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: true}\n}\n',
  'lib.rs': 'fn main() {\n    let v: u32 = "1".parse().unwrap();\n    println!("{v}");\n}\n',
  'app.ts': 'const agent = { rejectUnauthorized: false };\nexport async function get(u: string) { return fetch(u); }\n',
  'view.tsx': 'export const View = (p: { n?: number }) => <div>{p.n!}</div>;\n',
  'server.js': "const https = require('https');\nhttps.get('https://x', { rejectUnauthorized: false });\n",
  'jobs.py': 'import requests\n\ndef f(u):\n    return requests.get(u, verify=False)\n',
  'app.toml': '[server]\nport = 8080\n',
  'compose.yaml': 'services:\n  api:\n    environment:\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n',
  'settings.json': '{ "NODE_TLS_REJECT_UNAUTHORIZED": "0", "x": [1, 2] }\n',
  '.env': 'NODE_TLS_REJECT_UNAUTHORIZED=0\n',
};

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = ['\n', '{', '}', '(', ')', '"', "'", '`', '${', '/*', '*/', '//', '#', 'unwrap()', '.expect("x")', 'InsecureSkipVerify: true', 'verify=False', 'timeout=None', '!', '\t', 'é', '😀', '\r\n', 'fn ', 'func ', 'def ', ':', '=', ','];

/** Keeps offsets off the middle of a surrogate pair: editors never split a character. */
function snap(text: string, offset: number): number {
  const code = text.charCodeAt(offset);
  return code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}

/**
 * How long one document's diagnostics may take to arrive. The pastes grow documents to about a
 * megabyte of deeply broken code, each taking a few seconds to analyse, and the server works through
 * the queued documents one after another.
 */
const CATCH_UP_MS = 90_000;

describe('language server under 1,000 random edits', function () {
  this.timeout(300_000);

  it('keeps answering, and its incremental results equal a fresh analysis', async () => {
    const root = workspace({});
    const editedDir = join(root, 'edited');
    const freshDir = join(root, 'fresh');
    mkdirSync(editedDir);
    mkdirSync(freshDir);
    const client = new LspClient();
    try {
      await client.initialize([root], { progress: false });
      const next = random(20261124);
      const documents = Object.entries(SEEDS).map(([name, text]) => ({ name, text, version: 1, uri: client.open(join(editedDir, name), text, 'plaintext', 1) }));
      for (let edit = 0; edit < 1000; edit++) {
        const document = documents[Math.floor(next() * documents.length)]!;
        const source = new SourceDocument(document.uri, document.text);
        const roll = next();
        let start = snap(document.text, Math.floor(next() * (document.text.length + 1)));
        let end = start;
        let insert = '';
        if (roll < 0.4) {
          insert = FRAGMENTS[Math.floor(next() * FRAGMENTS.length)]!;
        } else if (roll < 0.7) {
          end = snap(document.text, Math.min(document.text.length, start + Math.floor(next() * 40)));
        } else if (roll < 0.9) {
          insert = Array.from({ length: 1 + Math.floor(next() * 20) }, () => String.fromCodePoint(0x20 + Math.floor(next() * 0x2fff))).join('');
        } else if (roll < 0.99) {
          end = snap(document.text, Math.min(document.text.length, start + Math.floor(next() * 200)));
          insert = SEEDS[documents[Math.floor(next() * documents.length)]!.name]!.repeat(1 + Math.floor(next() * 3));
        } else {
          // A huge paste: a hundred kilobytes or more at once.
          insert = SEEDS[document.name]!.repeat(1000 + Math.floor(next() * 2000));
        }
        if (end < start) [start, end] = [end, start];
        const range = { start: source.positionAt(start), end: source.positionAt(end) };
        document.text = document.text.slice(0, start) + insert + document.text.slice(end);
        document.version++;
        client.change(document.uri, document.version, [{ range, text: insert }]);
        // Now and then wait for the server to catch up, as a person pausing would.
        if (edit % 97 === 0) await client.diagnosticsFor(document.uri, document.version, CATCH_UP_MS);
      }

      const normalise = (diagnostics: Diagnostic[]): string[] =>
        diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)} ${d.message}`).sort();
      for (const document of documents) {
        const incremental = await client.diagnosticsFor(document.uri, document.version, CATCH_UP_MS);
        const freshUri = client.open(join(freshDir, document.name), document.text, 'plaintext', 1);
        const fresh = await client.diagnosticsFor(freshUri, 1, CATCH_UP_MS);
        assert.deepEqual(normalise(incremental), normalise(fresh), `${document.name}: incremental and fresh analyses disagree`);
      }
      const [first] = documents;
      const actions = await client.codeActions(first!.uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.ok(Array.isArray(actions), 'still answers requests');
      assert.equal(client.process.exitCode, null, 'the server is still running');
      assert.doesNotMatch(client.logs.join('\n'), /failed:|uncaught|unhandled/, 'no handler failed');
    } finally {
      await client.shutdown();
    }
  });
});
