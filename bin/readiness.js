#!/usr/bin/env node
'use strict';
// `npm install` builds the CLI into one bundle (server/out/cli.js): it starts in about half the time
// the compiled modules in out/ take, which every CI run and each scan worker pays.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'server', 'out', 'cli.js');
if (!existsSync(bundle)) {
  console.error(`readiness: ${bundle} is missing; run \`npm install\` (or \`npm run build\`) in ${join(__dirname, '..')}`);
  process.exit(2);
}
require(bundle);
