#!/usr/bin/env node
'use strict';
// The language server as `npm install` bundles it (server/out/server.js), as the VS Code extension ships it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'server', 'out', 'server.js');
if (!existsSync(bundle)) {
  console.error(`readiness-lsp: ${bundle} is missing; run \`npm install\` (or \`npm run build\`) in ${join(__dirname, '..')}`);
  process.exit(2);
}
require(bundle);
