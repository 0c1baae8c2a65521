import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

const SOURCE = `package main

import (
\t"crypto/tls"
\t"fmt"
)

func main() {
\tc := &tls.Config{InsecureSkipVerify: true}
\tfmt.Println(c)
}
`;

interface NeovimReport {
  diagnostics?: Array<{ line: number; col: number; message: string; source: string; code: string; href?: string }>;
  actions?: Array<{ title: string; kind: string; preferred: boolean }>;
  cleared?: boolean;
  error?: string;
}

describe('Neovim as a second, independent LSP client', function () {
  this.timeout(120_000);

  it('shows the diagnostics, offers the quick fixes, and applying the preferred one clears them', () => {
    // CI installs Debian's neovim (.ci/run); without it this test fails rather than pass unseen.
    const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'nvim is not installed: apt-get install neovim (the .ci/run script does)');

    const root = workspace({ 'main.go': SOURCE });
    const out = join(root, 'neovim-report.json');
    const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-u', 'NONE', '-c', `luafile ${join(REPO_ROOT, 'test', 'lsp', 'neovim-client.lua')}`], {
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        READINESS_ROOT: root,
        READINESS_OUT: out,
        READINESS_NODE: process.execPath,
        READINESS_SERVER: join(REPO_ROOT, 'bin', 'readiness-lsp.js'),
      },
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status}: ${run.stderr}`);
    const report = JSON.parse(readFileSync(out, 'utf8')) as NeovimReport;
    assert.equal(report.error, undefined, report.error);

    assert.deepEqual(
      report.diagnostics?.map((d) => [d.line, d.col, d.source, d.code]),
      [[8, 18, 'readiness', 'tls-verification-disabled']],
    );
    assert.match(report.diagnostics![0]!.href ?? '', /docs\/rules\/tls-verification-disabled\.md$/);
    assert.deepEqual(report.actions, [
      { title: 'Verify certificates (InsecureSkipVerify: false)', kind: 'quickfix', preferred: true },
      { title: 'Suppress tls-verification-disabled on this line', kind: 'quickfix', preferred: false },
      { title: 'Suppress tls-verification-disabled in this file', kind: 'quickfix', preferred: false },
    ]);
    assert.equal(report.cleared, true, 'the diagnostics cleared after the fix');
    assert.equal(readFileSync(join(root, 'main.go'), 'utf8'), SOURCE.replace('InsecureSkipVerify: true', 'InsecureSkipVerify: false'));
  });
});
