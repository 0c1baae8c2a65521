import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJsonReport, readiness, readinessProcess, workspace } from '../support/cli';

const INSECURE_GO = `package client

import "crypto/tls"

func Config() *tls.Config {
	return &tls.Config{InsecureSkipVerify: true}
}
`;

const INSECURE_ENV = 'PORT=8080\nNODE_TLS_REJECT_UNAUTHORIZED=0\n';

describe('readiness check', () => {
  it('prints path:line:col  severity  rule  message, then a summary, and exits 1 on errors', async () => {
    const root = workspace({ 'client.go': INSECURE_GO, '.env': INSECURE_ENV, 'README.md': '# not analysed\n' });
    const run = await readiness(['check', '.'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, /^\.env:2:1 {2}error {2}tls-verification-disabled {2}`NODE_TLS_REJECT_UNAUTHORIZED=0`/);
    assert.match(lines[1]!, /^client\.go:6:21 {2}error {2}tls-verification-disabled {2}`InsecureSkipVerify: true`/);
    assert.match(lines.at(-1)!, /^2 problems \(2 errors, 0 warnings, 0 information\) in 2 files$/);
  });

  it('exits 0 on a clean tree and when findings are below --fail-on', async () => {
    const clean = workspace({ 'main.go': 'package main\n\nfunc main() {}\n' });
    assert.equal((await readiness(['check', clean])).code, 0);
    const root = workspace({ '.env': INSECURE_ENV });
    assert.equal((await readiness(['check', root, '--fail-on', 'never'])).code, 0);
    writeFileSync(join(root, '.readiness.json'), '{ "rules": { "tls-verification-disabled": "warning" } }');
    assert.equal((await readiness(['check', root])).code, 0, 'a warning does not fail under the default --fail-on error');
    assert.equal((await readiness(['check', root, '--fail-on', 'warning'])).code, 1);
  });

  it('exits 2 on usage errors with the usage text', async () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--jobs', '0'], ['check', '--bogus'], ['check', '--fix', '--fix-dry-run'], ['frobnicate'], []]) {
      const run = await readiness(args);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /Usage:/);
    }
  });

  it('writes the report to --output', async () => {
    const root = workspace({ '.env': INSECURE_ENV });
    const output = join(root, 'report.json');
    const run = await readiness(['check', '.', '--format', 'json', '--output', output], { cwd: root });
    assert.equal(run.stdout, '');
    const entries = parseJsonReport(readFileSync(output, 'utf8'));
    assert.equal(entries.filter((entry) => entry.kind === 'finding').length, 1);
  });

  it('json lists findings with 1-based ranges, fixes and fingerprints', async () => {
    const root = workspace({ '.env': INSECURE_ENV });
    const run = await readiness(['check', '.', '--format', 'json'], { cwd: root });
    const [finding] = parseJsonReport(run.stdout);
    assert.deepEqual(
      { kind: finding!.kind, path: finding!.path, rule: finding!.rule, severity: finding!.severity, range: finding!.range },
      { kind: 'finding', path: '.env', rule: 'tls-verification-disabled', severity: 'error', range: { start: { line: 2, column: 1 }, end: { line: 2, column: 31 } } },
    );
    assert.match(finding!.fingerprint!, /^[0-9a-f]{14}:0$/);
  });

  it('--config uses the given file; config errors exit 2 naming the file and the key', async () => {
    const root = workspace({ '.env': INSECURE_ENV, 'alt.json': '{ "rules": { "tls-verification-disabled": "off" } }' });
    assert.equal((await readiness(['check', root, '--config', join(root, 'alt.json')])).code, 0);
    const cases: Array<[string, RegExp]> = [
      ['{ "colour": true }', /\.readiness\.json:1:3: colour: unknown key/],
      ['{ "timeoutSeconds": "ten" }', /\.readiness\.json:1:21: timeoutSeconds: must be of type integer/],
      ['{ "exclude": ["src/{a,b"] }', /\.readiness\.json:1:15: exclude\[0\]: bad glob "src\/\{a,b": unclosed \{ brace/],
      ['{ "rules": { "unwrap": "fatal" } }', /\.readiness\.json:1:24: rules\.unwrap: must be one of "error", "warning", "information", "hint", "off"/],
      ['{ "rules": { "unwrapp": "error" } }', /rules\.unwrapp: unknown rule/],
      ['{ "rules": { ', /\.readiness\.json:1:\d+: invalid JSON/],
      ['[1, 2]', /must be a JSON object/],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(join(root, '.readiness.json'), text);
      const run = await readiness(['check', root]);
      assert.equal(run.code, 2, `${text}: exit ${run.code}`);
      assert.match(run.stderr, expected, text);
      assert.ok(run.stderr.includes(join(root, '.readiness.json')), 'the error names the file');
    }
    const missing = await readiness(['check', root, '--config', join(root, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json.*cannot read the configuration file \(ENOENT\)/);
  });

  it('accepts comments and trailing commas in .readiness.json', async () => {
    const root = workspace({
      '.env': INSECURE_ENV,
      '.readiness.json': '// settings\n{\n  /* off for now */\n  "rules": { "tls-verification-disabled": "off", },\n}\n',
    });
    const run = await readiness(['check', root]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
  });

  it('--baseline reports only findings that are new since an earlier report', async () => {
    const root = workspace({ '.env': INSECURE_ENV });
    const baseline = join(root, 'baseline.sarif');
    await readiness(['check', '.', '--format', 'sarif', '--output', baseline], { cwd: root });
    assert.equal((await readiness(['check', '.', '--baseline', baseline], { cwd: root })).code, 0);
    writeFileSync(join(root, 'client.go'), INSECURE_GO);
    const run = await readiness(['check', '.', '--baseline', baseline, '--format', 'json'], { cwd: root });
    assert.equal(run.code, 1);
    assert.deepEqual(parseJsonReport(run.stdout).filter((entry) => entry.kind === 'finding').map((entry) => entry.path), ['client.go']);
    const jsonBaseline = join(root, 'baseline.json');
    await readiness(['check', '.', '--format', 'json', '--output', jsonBaseline], { cwd: root });
    assert.equal((await readiness(['check', '.', '--baseline', jsonBaseline], { cwd: root })).code, 0);
    writeFileSync(join(root, 'broken.json'), '{ nope');
    const broken = await readiness(['check', '.', '--baseline', join(root, 'broken.json')], { cwd: root });
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /--baseline .*broken\.json: cannot read/);
  });

  it('--fix rewrites files with every preferred fix; --fix-dry-run prints the diff and writes nothing', async () => {
    const root = workspace({ 'client.go': INSECURE_GO, '.env': INSECURE_ENV });
    const dry = await readiness(['check', '.', '--fix-dry-run'], { cwd: root });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^--- a\/\.env\n\+\+\+ b\/\.env\n@@ -1,2 \+1,2 @@\n PORT=8080\n-NODE_TLS_REJECT_UNAUTHORIZED=0\n\+NODE_TLS_REJECT_UNAUTHORIZED=1\n/);
    assert.match(dry.stdout, /-\treturn &tls\.Config\{InsecureSkipVerify: true\}\n\+\treturn &tls\.Config\{InsecureSkipVerify: false\}/);
    assert.equal(readFileSync(join(root, 'client.go'), 'utf8'), INSECURE_GO, 'dry run writes nothing');

    const fixed = await readiness(['check', '.', '--fix'], { cwd: root });
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.match(fixed.stderr, /fixed 2 files/);
    assert.equal(readFileSync(join(root, '.env'), 'utf8'), 'PORT=8080\nNODE_TLS_REJECT_UNAUTHORIZED=1\n');
    assert.match(readFileSync(join(root, 'client.go'), 'utf8'), /InsecureSkipVerify: false/);
  });

  it('--fix keeps a byte-order mark and CRLF line endings', async () => {
    const root = workspace({ '.env': Buffer.from('\uFEFFPORT=1\r\nNODE_TLS_REJECT_UNAUTHORIZED=0\r\n', 'utf8') });
    await readiness(['check', '.', '--fix'], { cwd: root });
    assert.equal(readFileSync(join(root, '.env'), 'utf8'), '\uFEFFPORT=1\r\nNODE_TLS_REJECT_UNAUTHORIZED=1\r\n');
  });

  it('--jobs 1 and --jobs 2 give the same findings', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`pkg${i}/client.go`] = INSECURE_GO;
    const root = workspace(files);
    const one = await readiness(['check', '.', '--jobs', '1', '--format', 'json'], { cwd: root });
    const two = await readiness(['check', '.', '--jobs', '2', '--format', 'json'], { cwd: root });
    assert.equal(parseJsonReport(one.stdout).length, 30);
    assert.equal(one.stdout, two.stdout);
  });

  it('shows a progress line on a terminal and none otherwise', async () => {
    const root = workspace({ '.env': INSECURE_ENV });
    const tty = await readiness(['check', '.'], { cwd: root, tty: true });
    assert.match(tty.stderr, /readiness: 1\/1 files/);
    const piped = await readiness(['check', '.'], { cwd: root, tty: false });
    assert.equal(piped.stderr, '');
  });

  it('runs as a separate process through bin/readiness.js', () => {
    const root = workspace({ '.env': INSECURE_ENV });
    const run = readinessProcess(['check', '.', '--format', 'json'], { cwd: root });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(parseJsonReport(run.stdout)[0]!.rule, 'tls-verification-disabled');
    assert.match(readinessProcess(['--version']).stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
