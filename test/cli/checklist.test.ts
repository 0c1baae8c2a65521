import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readiness } from '../support/cli';
import { materialize } from '../support/checklist-workspaces';
import { ITEM_ORDER } from '../../server/src/checklist/items';
import { RULES } from '../../server/src/rules';
import type { ChecklistJson, ChecklistStatus } from '../../server/src/checklist/types';

type Table = Record<string, ChecklistStatus>;

const KNOWN_RULES = new Set(RULES.map((rule) => rule.meta.id));
/** The secret rules are built in parallel; until they are in this build, their items are manual. */
const SECRET_ITEMS: Record<string, string> = { 'no-default-credentials': 'default-credential', 'no-hardcoded-secrets': 'hardcoded-secret', 'no-logged-secrets': 'logged-secret' };

function secrets(defaultCredentials: ChecklistStatus, hardcoded: ChecklistStatus, logged: ChecklistStatus): Table {
  const wanted: Table = { 'no-default-credentials': defaultCredentials, 'no-hardcoded-secrets': hardcoded, 'no-logged-secrets': logged };
  for (const [item, rule] of Object.entries(SECRET_ITEMS)) if (!KNOWN_RULES.has(rule)) wanted[item] = 'manual';
  return wanted;
}

const P = 'pass';
const F = 'fail';
const M = 'manual';
const N = 'n/a';

/** Every item, in SPEC order, from a compact row per category. */
function table(rows: {
  secrets: Table;
  security: [tls: ChecklistStatus, headers: ChecklistStatus, rate: ChecklistStatus, policy: ChecklistStatus];
  config: [envTracked: ChecklistStatus, envExample: ChecklistStatus, gitignore: ChecklistStatus, fallbacks: ChecklistStatus];
  reliability: [unwraps: ChecklistStatus, timeouts: ChecklistStatus, shutdown: ChecklistStatus, health: ChecklistStatus, panic: ChecklistStatus];
  observability: [logging: ChecklistStatus, metrics: ChecklistStatus, requestIds: ChecklistStatus];
  data: [migrations: ChecklistStatus, backups: ChecklistStatus];
  ci: [workflow: ChecklistStatus, tests: ChecklistStatus, audit: ChecklistStatus, deny: ChecklistStatus, lockfiles: ChecklistStatus, codeowners: ChecklistStatus, updates: ChecklistStatus, pinned: ChecklistStatus, permissions: ChecklistStatus];
  deploy: [dockerPinned: ChecklistStatus, nonroot: ChecklistStatus, dockerignore: ChecklistStatus, healthcheck: ChecklistStatus, execForm: ChecklistStatus, probes: ChecklistStatus, resources: ChecklistStatus, deployDocs: ChecklistStatus, runbook: ChecklistStatus, changelog: ChecklistStatus];
}): Table {
  const ids = (list: string[], statuses: ChecklistStatus[]): Table => Object.fromEntries(list.map((id, index) => [id, statuses[index]!]));
  const expected: Table = {
    ...rows.secrets,
    ...ids(['tls-verification', 'security-headers', 'rate-limiting', 'security-policy'], rows.security),
    ...ids(['env-not-tracked', 'env-example', 'gitignore-secrets', 'no-secret-fallbacks'], rows.config),
    ...ids(['no-unwraps', 'network-timeouts', 'graceful-shutdown', 'health-endpoint', 'panic-hook'], rows.reliability),
    ...ids(['structured-logging', 'metrics-endpoint', 'request-ids'], rows.observability),
    ...ids(['migrations', 'backups-restore'], rows.data),
    ...ids(['ci-workflow', 'ci-runs-tests', 'dependency-audit', 'rust-deny-config', 'lockfiles', 'codeowners', 'dependency-updates', 'actions-pinned', 'workflow-permissions'], rows.ci),
    ...ids(['docker-pinned', 'docker-nonroot', 'dockerignore', 'docker-healthcheck', 'docker-exec-form', 'k8s-probes', 'k8s-resources', 'deploy-docs', 'runbook', 'changelog'], rows.deploy),
  };
  assert.deepEqual(Object.keys(expected).sort(), [...ITEM_ORDER].sort(), 'the expected table names every item');
  return expected;
}

interface Case {
  name: string;
  git: boolean;
  expected: Table;
  markdown?: Array<[line: number, state: string, depth: number, text: string]>;
  evidence?: Array<[item: string, fragment: RegExp]>;
}

const CASES: Case[] = [
  {
    name: 'rust-good',
    git: true,
    expected: table({
      secrets: secrets(P, P, P),
      security: [P, P, P, P],
      config: [P, P, P, P],
      reliability: [P, P, P, P, P],
      observability: [P, P, P],
      data: [P, M],
      ci: [P, P, P, P, P, P, P, P, P],
      deploy: [P, P, P, P, P, P, P, P, P, P],
    }),
    markdown: [[4, 'x', 0, 'Secrets come from the environment'], [5, ' ', 0, 'Rotate the database password'], [6, '~', 1, 'Document the rotation'], [9, 'X', 0, 'Alerts on error rate']],
    evidence: [['docker-pinned', /Dockerfile:3: FROM rust:1\.80-slim@sha256/], ['health-endpoint', /src\/main\.rs:\d+: .*\/healthz/], ['lockfiles', /Cargo\.lock: lockfile of Cargo\.toml/]],
  },
  {
    name: 'rust-bad',
    git: true,
    expected: table({
      secrets: secrets(F, P, P),
      security: [F, F, F, F],
      config: [F, F, F, F],
      reliability: [F, F, F, F, F],
      observability: [F, F, F],
      data: [F, M],
      ci: [P, F, F, F, F, F, F, F, F],
      deploy: [F, F, F, F, F, F, F, M, M, M],
    }),
    evidence: [
      ['env-not-tracked', /\.env: tracked by git/],
      ['gitignore-secrets', /relay\.db: tracked by git/],
      ['no-secret-fallbacks', /src\/main\.rs:12: .*API_TOKEN/],
      ['actions-pinned', /build\.yml:8: job build: actions-rs\/toolchain@v1 is not pinned/],
      ['docker-exec-form', /Dockerfile:8: CMD relay --port 8080 is in shell form/],
    ],
  },
  {
    name: 'go-good',
    git: true,
    expected: table({
      secrets: secrets(P, P, P),
      security: [P, P, P, P],
      config: [P, P, P, P],
      reliability: [P, P, P, P, P],
      observability: [P, P, P],
      data: [P, M],
      ci: [P, P, P, N, P, P, P, P, P],
      deploy: [P, P, P, P, P, P, P, P, P, P],
    }),
    evidence: [['request-ids', /middleware\.RequestID/], ['deploy-docs', /README\.md:3: section "Deployment" \(covers rollback\)/], ['k8s-resources', /StatefulSet\/orders container migrate/]],
  },
  {
    name: 'go-bad',
    git: false,
    expected: table({
      secrets: secrets(F, P, P),
      security: [F, F, F, F],
      config: [F, F, F, F],
      reliability: [F, F, F, F, F],
      observability: [F, F, F],
      data: [N, M],
      ci: [F, F, F, N, F, F, F, N, N],
      deploy: [N, N, N, N, N, N, N, M, M, M],
    }),
    markdown: [[3, ' ', 0, 'Move JWT_SECRET to the secret manager'], [4, 'x', 0, 'Structured logs']],
    evidence: [['env-not-tracked', /\.env\.production is not ignored/], ['env-not-tracked', /not a git repository/], ['gitignore-secrets', /server\.pem: a key, certificate or database that \.gitignore does not ignore/]],
  },
  {
    name: 'ts-good',
    git: true,
    expected: table({
      secrets: secrets(P, P, P),
      security: [P, P, P, P],
      config: [P, P, P, P],
      reliability: [P, P, P, P, P],
      observability: [P, P, P],
      data: [P, M],
      ci: [P, P, P, N, P, P, P, P, P],
      deploy: [P, P, P, P, P, N, N, P, P, P],
    }),
  },
  {
    name: 'ts-bad',
    git: true,
    expected: table({
      secrets: secrets(F, P, P),
      security: [F, F, F, F],
      config: [F, F, F, F],
      reliability: [F, F, F, F, F],
      observability: [F, F, F],
      data: [F, M],
      ci: [P, F, F, N, F, F, F, N, N],
      deploy: [F, F, P, F, F, N, F, M, M, M],
    }),
    markdown: [[3, ' ', 0, 'Load test checkout'], [4, 'x', 0, 'Alerting'], [5, ' ', 1, 'Pager rotation']],
    evidence: [['docker-pinned', /ARG NODE_VERSION has no default/], ['env-not-tracked', /\.env\.local: tracked by git/], ['no-unwraps', /src\/cart\.ts:2/], ['ci-runs-tests', /TypeScript\/JavaScript: no job runs/]],
  },
  {
    name: 'py-good',
    git: true,
    expected: table({
      secrets: secrets(P, P, P),
      security: [P, P, P, P],
      config: [P, P, P, P],
      reliability: [P, P, P, P, P],
      observability: [P, P, P],
      data: [P, M],
      ci: [P, P, P, N, P, P, P, P, P],
      deploy: [N, N, N, N, N, P, P, P, P, P],
    }),
  },
  {
    name: 'py-bad',
    git: true,
    expected: table({
      secrets: secrets(F, P, P),
      security: [F, F, F, F],
      config: [P, F, F, F],
      reliability: [F, F, F, F, F],
      observability: [F, F, F],
      data: [N, M],
      ci: [P, P, F, N, F, F, F, P, F],
      deploy: [F, P, F, F, P, P, F, M, M, M],
    }),
    markdown: [[3, ' ', 0, 'Load test'], [4, 'x', 1, 'Soak test'], [5, '~', 0, 'gunicorn workers tuned']],
    evidence: [['gitignore-secrets', /deploy\/tls\.key: tracked by git/], ['lockfiles', /requirements\.txt:1: 2 requirements are not pinned/]],
  },
  {
    name: 'polyglot',
    git: false,
    expected: table({
      secrets: secrets(P, P, P),
      security: [P, P, F, P],
      config: [P, P, P, P],
      reliability: [P, P, P, F, P],
      observability: [P, F, P],
      data: [P, M],
      ci: [P, F, P, N, F, F, F, N, N],
      deploy: [F, P, P, P, P, N, N, P, P, M],
    }),
    evidence: [
      ['health-endpoint', /^services\/web: services\/web \(TypeScript\/JavaScript\): none found/],
      ['rate-limiting', /^services\/web: services\/web/],
      ['ci-runs-tests', /^\.: Python: no job runs this stack's tests/],
      ['lockfiles', /^services\/worker\/pyproject\.toml: no lockfile \(poetry\.lock\)/],
      ['docker-pinned', /^services\/web\/Dockerfile:1: FROM node:20-slim is not pinned/],
      ['env-not-tracked', /not a git repository/],
    ],
  },
];

function render(json: ChecklistJson, id: string): string[] {
  return json.items.find((item) => item.id === id)!.evidence.map((evidence) => `${evidence.path}${evidence.line ? `:${evidence.line}` : ''}: ${evidence.note}`);
}

describe('readiness checklist on test workspaces', function () {
  this.timeout(120_000);

  for (const testCase of CASES) {
    it(`judges every item of ${testCase.name} as written down`, async () => {
      const root = materialize(testCase.name, { git: testCase.git });
      const run = await readiness(['checklist', root, '--format', 'json']);
      assert.equal(run.stderr, '');
      const json = JSON.parse(run.stdout) as ChecklistJson;
      assert.deepEqual(json.items.map((item) => item.id), [...ITEM_ORDER], 'every item, in SPEC order');
      const actual = Object.fromEntries(json.items.map((item) => [item.id, item.status]));
      const failures = json.items.filter((item) => item.status !== testCase.expected[item.id]).map((item) => `${item.id}: ${item.status}, expected ${testCase.expected[item.id]}\n    ${render(json, item.id).join('\n    ')}`);
      assert.deepEqual(actual, testCase.expected, failures.join('\n'));
      for (const item of json.items) {
        assert.ok(item.evidence.length > 0, `${item.id} has evidence`);
        for (const evidence of item.evidence) assert.ok(evidence.note.length > 0 && !evidence.path.startsWith('/'), `${item.id}: relative path and a note`);
      }
      assert.equal(run.code, json.items.some((item) => item.status === 'fail') ? 1 : 0);
      for (const [id, fragment] of testCase.evidence ?? []) {
        assert.ok(render(json, id).some((line) => fragment.test(line)), `${id} evidence matches ${fragment}:\n${render(json, id).join('\n')}`);
      }
      if (testCase.markdown) {
        assert.deepEqual(json.markdown.map((item) => [item.line, item.state, item.depth, item.text]), testCase.markdown);
        for (const item of json.markdown) assert.equal(item.checked, item.state === 'x' || item.state === 'X');
      }
    });
  }

  it('applies checklist.overrides with their reason as evidence, and remembers manual ticks', async () => {
    const root = materialize('ts-good', { git: false });
    writeFileSync(join(root, '.readiness.json'), JSON.stringify({ checklist: { overrides: { 'k8s-probes': { status: 'pass', reason: 'deployed on Lambda, no pods' }, 'rate-limiting': { status: 'fail', reason: 'the limiter is per-instance' } } } }));
    mkdirSync(join(root, '.readiness'));
    writeFileSync(join(root, '.readiness', 'checklist-state.json'), JSON.stringify({ version: 1, manual: { 'backups-restore': { checked: true, at: '2026-01-01T00:00:00Z' } } }));
    const run = await readiness(['checklist', root, '--format', 'json']);
    const json = JSON.parse(run.stdout) as ChecklistJson;
    const byId = new Map(json.items.map((item) => [item.id, item]));
    assert.equal(byId.get('k8s-probes')!.status, 'pass');
    assert.deepEqual(byId.get('k8s-probes')!.evidence[0], { path: '.readiness.json', note: 'set to pass by checklist.overrides: deployed on Lambda, no pods' });
    assert.equal(byId.get('rate-limiting')!.status, 'fail');
    assert.match(byId.get('rate-limiting')!.evidence[0]!.note, /the limiter is per-instance/);
    assert.equal(byId.get('backups-restore')!.checked, true);
    assert.equal(run.code, 1);
  });

  it('rejects an override without a reason as a configuration error (exit 2)', async () => {
    const root = materialize('go-bad', { git: false });
    writeFileSync(join(root, '.readiness.json'), JSON.stringify({ checklist: { overrides: { 'k8s-probes': { status: 'n/a' } } } }));
    const run = await readiness(['checklist', root]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /checklist\.overrides\.k8s-probes: missing required key "reason"/);
  });

  it('prints text grouped by category with counts, and the Markdown report with blockers first', async () => {
    const root = materialize('polyglot', { git: false });
    const text = await readiness(['checklist', root]);
    const json = JSON.parse((await readiness(['checklist', root, '--format', 'json'])).stdout) as ChecklistJson;
    const failed = json.items.filter((item) => item.status === 'fail');
    const firstLine = text.stdout.split('\n')[0]!;
    const count = (status: ChecklistStatus): number => json.items.filter((item) => item.status === status).length;
    assert.match(firstLine, new RegExp(`${count('pass')} pass, ${count('fail')} fail, ${count('manual')} manual, ${count('n/a')} n/a`));
    assert.ok(text.stdout.indexOf('Security & auth') < text.stdout.indexOf('Deploy & operations'));
    assert.match(text.stdout, /✗ health-endpoint +fail/);
    const md = await readiness(['checklist', root, '--format', 'md']);
    const report = md.stdout;
    assert.match(report, new RegExp(`❌ \\*\\*NOT READY FOR PRODUCTION\\*\\*: ${failed.length} blockers`));
    const blockers = report.slice(report.indexOf('## Blockers'), report.indexOf('## Security & auth'));
    for (const item of failed) assert.ok(blockers.includes(`(\`${item.id}\``), `${item.id} listed as a blocker`);
    assert.match(blockers, /\[services\/web\/Dockerfile:1\]\(services\/web\/Dockerfile#L1\)/);
    assert.ok(report.indexOf('## Blockers') < report.indexOf('## Security & auth'));
    assert.match(report, /- \[x\] Security policy with a contact \(`security-policy`\)/);
    assert.match(report, /- ~~Readiness and liveness probes on every container~~ \(`k8s-probes`, not applicable\)/);
    assert.match(report, /### \[PRODUCTION_READINESS\.md\]\(PRODUCTION_READINESS\.md\): 1 of 3 done/);
    assert.match(report, /- \[ \] Web: add a health route/);
    const written = join(root, 'report.md');
    await readiness(['checklist', root, '--format', 'md', '--output', written]);
    assert.equal(readFileSync(written, 'utf8'), report);
  });

  it('never crashes on bad input: broken YAML, garbage and binary Dockerfiles, odd Markdown bytes, unreadable and huge files', async () => {
    const root = materialize('ts-good', { git: false });
    writeFileSync(join(root, '.github', 'workflows', 'broken.yml'), 'jobs:\n  test:\n    steps: [\n      - run: npm test\n  : : :\n\t\tbad\n');
    writeFileSync(join(root, 'Dockerfile.garbage'), Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919 + 13) % 256)));
    writeFileSync(join(root, 'Dockerfile.binary'), Buffer.concat([Buffer.from('FROM alpine\n'), Buffer.alloc(64, 0)]));
    writeFileSync(join(root, 'release-checklist.md'), Buffer.concat([Buffer.from('- [ ] caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' \r\n- [x] \u0000 nul\n- [')]));
    writeFileSync(join(root, 'k8s.yaml'), `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n${'  - name: x\n'.repeat(20000)}`);
    writeFileSync(join(root, 'huge-readiness.md'), '- [ ] x\n'.repeat(300_000));
    const locked = join(root, 'SECURITY.md');
    chmodSync(locked, 0o000);
    const run = await readiness(['checklist', root, '--format', 'json']);
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const json = JSON.parse(run.stdout) as ChecklistJson;
    assert.equal(json.items.length, ITEM_ORDER.length);
    assert.ok(json.notes?.some((note) => note.path === '.github/workflows/broken.yml' && /YAML syntax errors/.test(note.note)), JSON.stringify(json.notes));
    assert.ok(json.markdown.some((item) => item.path === 'release-checklist.md' && item.text.startsWith('caf')));
    assert.ok(!json.markdown.some((item) => item.path === 'huge-readiness.md'), 'a file over the size limit is not read');
    const dockerPinned = json.items.find((item) => item.id === 'docker-pinned')!;
    assert.equal(dockerPinned.status, 'fail');
    assert.ok(render(json, 'docker-pinned').some((line) => /Dockerfile\.garbage: no FROM instruction/.test(line) || /Dockerfile\.binary/.test(line)));
    for (const format of ['text', 'md']) assert.ok([0, 1].includes((await readiness(['checklist', root, '--format', format])).code));
  });

  it('reports usage errors with exit 2', async () => {
    assert.equal((await readiness(['checklist', '--format', 'xml'])).code, 2);
    assert.equal((await readiness(['checklist', 'a', 'b'])).code, 2);
    const missing = await readiness(['checklist', '/nonexistent/workspace']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /not found/);
    assert.equal((await readiness(['checklist', join(materialize('go-bad', { git: false }), 'go.mod')])).code, 2);
  });
});
