import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readiness, workspace } from '../support/cli';
import { LspClient } from '../support/lsp-client';

/**
 * No output of any kind — CLI text, JSON, SARIF, diffs, LSP diagnostics, code actions, logs — ever
 * contains a secret's value. The values are generated (from a fixed seed, so a failure reproduces),
 * so nothing here is a real key and nothing can pass by matching a fixed string.
 */

let state = 20261124;
function randomText(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[(state >>> 8) % alphabet.length];
  }
  return out;
}

const UPPER_DIGITS = 'ABCDEFGHJKLMNPQRSTUVWXYZ234567';
const ALNUM = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const URLSAFE = `${ALNUM}_-`;

function secrets(): Record<string, string> {
  const base64url = (json: object): string => Buffer.from(JSON.stringify(json)).toString('base64url');
  return {
    aws: `AKIA${randomText(16, UPPER_DIGITS)}`,
    github: `ghp_${randomText(36, ALNUM)}`,
    gitlab: `glpat-${randomText(20, ALNUM)}`,
    slack: `xoxb-${randomText(12, '0123456789')}-${randomText(12, '0123456789')}-${randomText(24, ALNUM)}`,
    stripe: `sk_live_${randomText(24, ALNUM)}`,
    google: `AIza${randomText(35, URLSAFE)}`,
    openai: `sk-proj-${randomText(48, ALNUM)}`,
    anthropic: `sk-ant-api03-${randomText(90, URLSAFE)}`,
    npm: `npm_${randomText(36, ALNUM)}`,
    jwt: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: randomText(8, ALNUM) })}.${randomText(43, URLSAFE)}`,
    entropy: randomText(40, ALNUM),
    urlPassword: randomText(14, ALNUM),
    pemBody: randomText(64, ALNUM),
    logged: randomText(40, ALNUM),
  };
}

function tree(s: Record<string, string>): Record<string, string> {
  return {
    'svc/src/config.ts': [
      `export const stripe = '${s.stripe}';`,
      `export const gh = { token: '${s.github}' };`,
      `export const clientSecret = '${s.entropy}';`,
      `export const jwtSecret = process.env.JWT_SECRET || 'changeme';`,
      `export const db = 'postgres://ledger:${s.urlPassword}@db:5432/ledger';`,
      `const sessionToken = '${s.logged}';`,
      `console.log(\`session \${sessionToken}\`);`,
      `export function auth(token: string | undefined): string { return token!; }`,
      '',
    ].join('\n'),
    'svc/app/settings.py': [
      'import os',
      `AWS_ACCESS_KEY_ID = "${s.aws}"`,
      `OPENAI_API_KEY = "${s.openai}"`,
      `PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----\n${s.pemBody}\n-----END RSA PRIVATE KEY-----"""`,
      'SECRET_KEY = os.getenv("SECRET_KEY", "changeme")',
      '',
    ].join('\n'),
    'svc/main.go': [
      'package main',
      '',
      'import "log"',
      '',
      `const slackToken = "${s.slack}"`,
      '',
      'func main() {',
      `\tapiKey := "${s.google}"`,
      '\tlog.Printf("key %s", apiKey)',
      '\t_ = slackToken',
      '}',
      '',
    ].join('\n'),
    'svc/src/lib.rs': [
      `const NPM_TOKEN: &str = "${s.npm}";`,
      'pub fn token() -> String {',
      `    let anthropic_key = "${s.anthropic}";`,
      '    println!("{anthropic_key}");',
      '    std::env::var("TOKEN").unwrap_or("devtoken".to_string())',
      '}',
      '',
    ].join('\n'),
    'svc/.env': `GITLAB_TOKEN=${s.gitlab}\nSERVICE_JWT=${s.jwt}\nAUTH_TOKEN=devtoken\n`,
    'svc/config.toml': `[auth]\nclient_secret = "${s.entropy}"\n`,
    'svc/deploy/compose.yaml': `services:\n  api:\n    environment:\n      - STRIPE_KEY=${s.stripe}\n      - DATABASE_URL=postgres://app:${s.urlPassword}@db/app\n`,
    'svc/settings.json': JSON.stringify({ npmToken: s.npm, github: { token: s.github } }, null, 2),
  };
}

function assertNoSecret(output: string, values: Record<string, string>, where: string): void {
  for (const [kind, value] of Object.entries(values)) {
    assert.ok(!output.includes(value), `${where} contains the ${kind} secret`);
  }
}

describe('secrets are never echoed', function () {
  this.timeout(120_000);
  const values = secrets();
  const files = tree(values);

  it('finds the secrets, and no CLI output format contains one', async () => {
    const root = workspace(files);
    const json = await readiness(['check', '.', '--format', 'json'], { cwd: root });
    const findings = (JSON.parse(json.stdout) as Array<{ kind: string; rule?: string }>).filter((entry) => entry.kind === 'finding');
    const byRule = (rule: string): number => findings.filter((finding) => finding.rule === rule).length;
    assert.equal(byRule('hardcoded-secret'), 19, `hardcoded-secret found ${byRule('hardcoded-secret')}`);
    assert.equal(byRule('default-credential'), 4, `default-credential found ${byRule('default-credential')}`);
    const outputs: Array<[string, string]> = [['json', json.stdout + json.stderr]];
    for (const format of ['text', 'sarif']) {
      const run = await readiness(['check', '.', '--format', format], { cwd: root });
      outputs.push([format, run.stdout + run.stderr]);
    }
    const sarifFile = join(root, 'out.sarif');
    await readiness(['check', '.', '--format', 'sarif', '--output', sarifFile], { cwd: root });
    outputs.push(['sarif --output', readFileSync(sarifFile, 'utf8')]);
    const diff = await readiness(['check', '.', '--fix-dry-run'], { cwd: root });
    assert.ok(diff.stdout.includes('@@'), 'the dry run shows a diff');
    outputs.push(['--fix-dry-run', diff.stdout + diff.stderr]);
    const baseline = join(root, 'baseline.json');
    await readiness(['check', '.', '--format', 'json', '--output', baseline], { cwd: root });
    const withBaseline = await readiness(['check', '.', '--baseline', baseline], { cwd: root });
    outputs.push(['--baseline', withBaseline.stdout + withBaseline.stderr]);
    for (const [format, output] of outputs) assertNoSecret(output, values, format);
  });

  it('no language server diagnostic, code action or log contains one', async () => {
    const root = workspace(files);
    const client = new LspClient();
    try {
      await client.initialize([root]);
      for (const [path, text] of Object.entries(files)) {
        const languageId = path.endsWith('.ts') ? 'typescript' : path.endsWith('.py') ? 'python' : path.endsWith('.go') ? 'go' : path.endsWith('.rs') ? 'rust' : 'plaintext';
        const uri = client.open(join(root, path), text, languageId);
        const diagnostics = await client.diagnosticsFor(uri, 1);
        assert.ok(diagnostics.length > 0, `${path} has diagnostics`);
        assertNoSecret(JSON.stringify(diagnostics), values, `diagnostics of ${path}`);
        for (const diagnostic of diagnostics) {
          const actions = await client.codeActions(uri, diagnostic.range, [diagnostic]);
          assertNoSecret(JSON.stringify(actions), values, `code actions of ${path}`);
        }
      }
      assertNoSecret(client.logs.join('\n'), values, 'the server log');
      assertNoSecret(JSON.stringify(client.history), values, 'published diagnostics');
    } finally {
      await client.shutdown();
    }
  });
});
