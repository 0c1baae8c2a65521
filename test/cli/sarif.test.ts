import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readiness, workspace } from '../support/cli';
import { REPO_ROOT } from '../support/paths';

/** Microsoft's SARIF SDK ships the official 2.1.0 schema inside its npm package. */
const SDK_DIR = join(REPO_ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
const SCHEMA = JSON.parse(readFileSync(join(SDK_DIR, 'sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;

const SOURCES = {
  'svc/client.go': `package svc

import "crypto/tls"

// Config is shared by every outgoing client.
func Config() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true}
}
`,
  'deploy/.env': 'NODE_TLS_REJECT_UNAUTHORIZED=0\n',
  'data.bin.json': Buffer.from([0x7b, 0x00, 0x7d]),
};

interface SarifResult {
  ruleId: string;
  partialFingerprints: Record<string, string>;
  locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
}

function sarifOf(stdout: string): { runs: Array<{ results: SarifResult[] }> } {
  return JSON.parse(stdout) as { runs: Array<{ results: SarifResult[] }> };
}

describe('SARIF output', () => {
  it('validates against the official SARIF 2.1.0 JSON schema', async () => {
    const root = workspace(SOURCES);
    const run = await readiness(['check', '.', '--format', 'sarif'], { cwd: root });
    const log: unknown = JSON.parse(run.stdout);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(SCHEMA);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const results = sarifOf(run.stdout).runs[0]!.results;
    assert.equal(results.length, 2);
  });

  it("passes the SARIF SDK's own validator without errors", async function () {
    const tool = join(SDK_DIR, 'Sarif.Multitool');
    try {
      accessSync(tool, constants.X_OK);
    } catch {
      // npm 11 does not run the package's postinstall (chmod); the bit is all it sets.
      spawnSync('chmod', ['u+x', tool]);
    }
    const root = workspace(SOURCES);
    const output = join(root, 'report.sarif');
    await readiness(['check', '.', '--format', 'sarif', '--output', output], { cwd: root });
    const result = spawnSync(tool, ['validate', output], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    if (result.error) {
      console.warn(`\n  !!! the SARIF SDK validator could not start here: ${result.error.message}\n`);
      if (process.env.CI === 'true') throw result.error;
      this.skip();
    }
    const text = `${result.stdout}${result.stderr}`;
    assert.doesNotMatch(text, /: error /, text);
    assert.doesNotMatch(text, /: warning /, text);
    assert.match(text, /Analysis completed successfully/, text);
  });

  it('keeps fingerprints when 10 lines are inserted at the top of the file', async () => {
    const root = workspace(SOURCES);
    const before = sarifOf((await readiness(['check', '.', '--format', 'sarif'], { cwd: root })).stdout).runs[0]!.results;
    const file = join(root, 'svc/client.go');
    writeFileSync(file, '// Package svc talks to upstream services.\n'.repeat(10) + readFileSync(file, 'utf8'));
    const after = sarifOf((await readiness(['check', '.', '--format', 'sarif'], { cwd: root })).stdout).runs[0]!.results;
    const go = (results: SarifResult[]): SarifResult => results.find((result) => result.ruleId === 'tls-verification-disabled' && result.locations[0]!.physicalLocation.region.startLine > 1)!;
    assert.equal(go(after).locations[0]!.physicalLocation.region.startLine, go(before).locations[0]!.physicalLocation.region.startLine + 10);
    assert.deepEqual(
      after.map((result) => result.partialFingerprints),
      before.map((result) => result.partialFingerprints),
    );
  });

  it('distinguishes identical findings on identical lines by occurrence', async () => {
    const line = '\treturn &tls.Config{InsecureSkipVerify: true}\n';
    const root = workspace({ 'a.go': `package a\n\nimport "crypto/tls"\n\nfunc A() *tls.Config {\n${line}}\n\nfunc B() *tls.Config {\n${line}}\n` });
    const results = sarifOf((await readiness(['check', '.', '--format', 'sarif'], { cwd: root })).stdout).runs[0]!.results;
    const fingerprints = results.map((result) => result.partialFingerprints['readiness/v1']);
    assert.equal(new Set(fingerprints).size, 2);
    assert.match(fingerprints[1]!, /:1$/);
  });

  it('lists skipped files as tool notifications and carries rule help', async () => {
    const root = workspace(SOURCES);
    const log = JSON.parse((await readiness(['check', '.', '--format', 'sarif'], { cwd: root })).stdout) as {
      runs: Array<{
        invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
        tool: { driver: { rules: Array<{ id: string; helpUri: string; name: string; defaultConfiguration: { level: string } }> } };
      }>;
    };
    const run = log.runs[0]!;
    assert.match(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text).join('\n'), /Skipped: binary content/);
    const tls = run.tool.driver.rules.find((rule) => rule.id === 'tls-verification-disabled')!;
    assert.equal(tls.helpUri, 'https://github.com/readiness-dev/readiness/blob/main/docs/rules/tls-verification-disabled.md');
    assert.equal(tls.defaultConfiguration.level, 'error');
    assert.notEqual(tls.name.toLowerCase(), tls.id.toLowerCase());
  });
});
