import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readiness } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

describe('esbuild bundles (as the .vsix ships them)', function () {
  this.timeout(120_000);

  it('the bundled CLI, moved away from the checkout, finds its grammars and reports what the compiled modules report', async () => {
    const bundle = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(bundle.status, 0, bundle.stderr);
    // The extension's layout: package.json at the root, bundles and grammars in server/out/.
    const installed = mkdtempSync(join(tmpdir(), 'readiness-bundle-'));
    try {
      copyFileSync(join(REPO_ROOT, 'package.json'), join(installed, 'package.json'));
      mkdirSync(join(installed, 'server'));
      cpSync(join(REPO_ROOT, 'server', 'out'), join(installed, 'server', 'out'), { recursive: true });
      const args = ['check', 'examples', '--format', 'json', '--fail-on', 'never', '--jobs', '2'];
      const bundled = spawnSync(process.execPath, [join(installed, 'server', 'out', 'cli.js'), ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(bundled.status, 0, bundled.stderr);
      const built = await readiness(args, { cwd: REPO_ROOT });
      assert.equal(built.code, 0, built.stderr);
      const findings = (stdout: string): string[] =>
        (JSON.parse(stdout) as Array<{ kind: string; path: string; rule: string; fingerprint?: string }>).map((entry) => `${entry.kind} ${entry.path} ${entry.rule ?? ''} ${entry.fingerprint ?? ''}`).sort();
      assert.ok(findings(built.stdout).some((line) => line.startsWith('finding ')), 'the examples have findings');
      assert.deepEqual(findings(bundled.stdout), findings(built.stdout));
      const version = spawnSync(process.execPath, [join(installed, 'server', 'out', 'cli.js'), '--version'], { encoding: 'utf8' });
      assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    } finally {
      rmSync(installed, { recursive: true, force: true });
    }
  });
});
