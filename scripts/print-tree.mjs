#!/usr/bin/env node
// Prints a file's syntax tree as the engine parses it, with field names: the first step in
// writing a query. Usage: node scripts/print-tree.mjs <file> [--all]   (--all: anonymous nodes too)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Parser, Language } = require('web-tree-sitter');
const { languageForPath } = require(join(root, 'out/server/src/languages/index.js'));

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/print-tree.mjs <file> [--all]');
  process.exit(2);
}
const language = languageForPath(file.split('\\').join('/'));
if (!language?.grammar) {
  console.error(`${file}: no grammar for this file name`);
  process.exit(2);
}
await Parser.init({ wasmBinary: readFileSync(join(root, 'grammars/web-tree-sitter.wasm')) });
const parser = new Parser();
parser.setLanguage(await Language.load(readFileSync(join(root, 'grammars', `${language.grammar}.wasm`))));
const tree = parser.parse(readFileSync(file, 'utf8'));
const cursor = tree.walk();
let depth = 0;
for (;;) {
  const node = cursor.currentNode;
  if (node.isNamed || flag === '--all') {
    const field = cursor.currentFieldName ? `${cursor.currentFieldName}: ` : '';
    const leaf = node.childCount === 0 ? ` ${JSON.stringify(node.text)}` : '';
    console.log(`${'  '.repeat(depth)}${field}${node.type}${leaf}  [${node.startPosition.row + 1}:${node.startPosition.column + 1}]`);
  }
  if (cursor.gotoFirstChild()) {
    depth++;
    continue;
  }
  while (!cursor.gotoNextSibling()) {
    if (!cursor.gotoParent()) process.exit(0);
    depth--;
  }
}
