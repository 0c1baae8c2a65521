// Supply chain & CI items read from the CI configuration's structure (see ../parse/ci.ts).
import { defineItem, capped, type ItemDefinition } from '../item';
import { STACK_NAMES, type ChecklistContext, type Stack } from '../context';
import { buildCiModel, ciKind, type CiCommand, type CiModel } from '../parse/ci';
import type { Evidence } from '../types';

export function ciModel(context: ChecklistContext): CiModel {
  return context.cached('ci', () => {
    const files = context.files
      .map((path) => ({ path, kind: ciKind(path) }))
      .filter((file): file is { path: string; kind: NonNullable<ReturnType<typeof ciKind>> } => file.kind !== undefined)
      .map((file) => ({ ...file, documents: context.facts(file.path)?.documents }));
    return buildCiModel(files);
  });
}

type Matcher = (words: readonly string[]) => boolean;
const starts = (...prefix: string[]): Matcher => (words) => prefix.every((word, index) => words[index] === word);
const runsScript = (tool: string, pattern: RegExp): Matcher => (words) =>
  words[0] === tool && ((words[1] === 'run' && pattern.test(words[2] ?? '')) || pattern.test(words[1] ?? ''));

const TESTS: Record<Stack, Matcher[]> = {
  rust: [starts('cargo', 'test'), starts('cargo', 'nextest'), starts('cross', 'test'), starts('cargo', 'llvm-cov'), starts('cargo', 'tarpaulin'), starts('cargo', 'make', 'test')],
  go: [starts('go', 'test'), starts('gotestsum'), starts('ginkgo')],
  typescript: [
    runsScript('npm', /^(t|test|tests|test:.*)$/), runsScript('yarn', /^(test|tests|test:.*)$/), runsScript('pnpm', /^(test|tests|test:.*)$/), runsScript('bun', /^(test|test:.*)$/),
    starts('npx', 'jest'), starts('npx', 'vitest'), starts('npx', 'mocha'), starts('jest'), starts('vitest'), starts('mocha'), starts('npx', 'playwright', 'test'), starts('deno', 'test'), starts('node', '--test'),
  ],
  python: [starts('pytest'), starts('python', '-m', 'pytest'), starts('python3', '-m', 'pytest'), starts('tox'), starts('nox'), starts('uv', 'run', 'pytest'), starts('poetry', 'run', 'pytest'),
    starts('python', '-m', 'unittest'), starts('python3', '-m', 'unittest'), starts('hatch', 'test'), starts('pdm', 'run', 'pytest'), starts('python', 'manage.py', 'test')],
};
const ANY_STACK_TESTS: Matcher[] = [starts('make', 'test'), starts('make', 'check'), starts('just', 'test'), starts('task', 'test')];

const AUDITS: Record<Stack, Matcher[]> = {
  rust: [starts('cargo', 'audit'), starts('cargo', 'deny'), starts('uses', 'rustsec/audit-check'), starts('uses', 'EmbarkStudios/cargo-deny-action'), starts('uses', 'actions-rs/audit-check')],
  go: [starts('govulncheck'), starts('go', 'run', 'golang.org/x/vuln/cmd/govulncheck'), starts('go', 'run', 'golang.org/x/vuln/cmd/govulncheck@latest'), starts('uses', 'golang/govulncheck-action'), starts('nancy')],
  typescript: [starts('npm', 'audit'), starts('yarn', 'audit'), starts('yarn', 'npm', 'audit'), starts('pnpm', 'audit'), starts('npx', 'audit-ci'), starts('npx', 'better-npm-audit'), starts('bun', 'audit')],
  python: [starts('pip-audit'), starts('python', '-m', 'pip_audit'), starts('uvx', 'pip-audit'), starts('safety', 'check'), starts('safety', 'scan'), starts('uses', 'pypa/gh-action-pip-audit'), starts('uv', 'run', 'pip-audit')],
};
const ANY_STACK_AUDITS: Matcher[] = [starts('osv-scanner'), starts('trivy'), starts('snyk', 'test'), starts('grype'), starts('uses', 'google/osv-scanner-action'), starts('uses', 'aquasecurity/trivy-action'),
  (words) => words[0] === 'include' && /Dependency-Scanning|Container-Scanning|dependency-scanning/.test(words[1] ?? ''),
  starts('uses', 'snyk/actions'), starts('uses', 'anchore/scan-action'), starts('uses', 'actions/dependency-review-action'), starts('uses', 'github/codeql-action/analyze')];

function matching(commands: readonly CiCommand[], matchers: readonly Matcher[]): CiCommand[] {
  return commands.filter((command) => matchers.some((matcher) => matcher(command.words)));
}

function perStackItem(id: string, title: string, looksFor: string, table: Record<Stack, Matcher[]>, anyStack: Matcher[], what: string): ItemDefinition {
  return defineItem({
    id,
    category: 'Supply chain & CI',
    title,
    looksFor,
    evaluate(context) {
      const model = ciModel(context);
      const stacks = [...context.stacks()].sort();
      if (stacks.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no Rust, Go, TypeScript/JavaScript or Python manifest found' }] };
      const readable = model.files.filter((file) => file.kind !== 'other');
      if (readable.length === 0) {
        const note = model.files.length > 0 ? `CI files ${model.files.map((file) => file.path).join(', ')} are not GitHub or GitLab workflows, which are the ones read` : 'no CI workflow (.github/workflows/*.yml, .gitlab-ci.yml)';
        return { status: 'fail', evidence: [{ path: '.', note }] };
      }
      const evidence: Evidence[] = [];
      const missing: Stack[] = [];
      const generic = matching(model.commands, anyStack);
      for (const stack of stacks) {
        const found = matching(model.commands, table[stack]);
        if (found.length > 0) evidence.push(...found.slice(0, 2).map((command) => ({ path: command.path, line: command.line, note: `${STACK_NAMES[stack]}: job ${command.job} runs \`${command.text}\`` })));
        else if (generic.length > 0) evidence.push(...generic.slice(0, 1).map((command) => ({ path: command.path, line: command.line, note: `${STACK_NAMES[stack]}: job ${command.job} runs \`${command.text}\` (assumed to cover it)` })));
        else missing.push(stack);
      }
      if (missing.length === 0) return { status: 'pass', evidence: capped(evidence) };
      const examined = readable.map((file) => file.path).join(', ');
      return {
        status: 'fail',
        evidence: capped([...missing.map((stack) => ({ path: '.', note: `${STACK_NAMES[stack]}: no job ${what} (read ${examined})` })), ...evidence]),
      };
    },
  });
}

const FIRST_PARTY_OWNERS = new Set(['actions', 'github']);

export const ciItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'ci-workflow',
    category: 'Supply chain & CI',
    title: 'A CI workflow exists',
    looksFor: '.github/workflows/*.yml, .gitlab-ci.yml, .circleci/config.yml, Jenkinsfile, azure-pipelines.yml and other CI files',
    evaluate(context) {
      const model = ciModel(context);
      if (model.files.length === 0) return { status: 'fail', evidence: [{ path: '.', note: 'no CI configuration (.github/workflows/*.yml, .gitlab-ci.yml, .circleci/config.yml, Jenkinsfile, azure-pipelines.yml, …)' }] };
      return { status: 'pass', evidence: model.files.map((file) => ({ path: file.path, note: `${file.kind === 'other' ? 'CI' : file.kind === 'github' ? 'GitHub Actions' : 'GitLab CI'} configuration` })) };
    },
  }),
  perStackItem('ci-runs-tests', "CI runs each stack's tests", 'cargo test/nextest, go test, npm/yarn/pnpm test, jest/vitest/mocha, pytest/tox/nox, make test in a CI job', TESTS, ANY_STACK_TESTS, "runs this stack's tests"),
  perStackItem('dependency-audit', 'CI audits dependencies for known vulnerabilities', 'cargo audit/deny, npm/yarn/pnpm audit, govulncheck, pip-audit/safety, osv-scanner, trivy, snyk, grype in a CI job, or GitLab Dependency-Scanning template', AUDITS, ANY_STACK_AUDITS, "audits this stack's dependencies"),
  defineItem({
    id: 'actions-pinned',
    category: 'Supply chain & CI',
    title: 'Third-party actions pinned to a commit SHA',
    looksFor: '`uses:` of GitHub workflow steps and jobs: owner/repo@<40-hex SHA> for actions outside actions/* and github/*',
    evaluate(context) {
      const model = ciModel(context);
      if (!model.files.some((file) => file.kind === 'github')) return { status: 'n/a', evidence: [{ path: '.', note: 'no GitHub Actions workflows' }] };
      const thirdParty = model.uses.filter(({ uses }) => !uses.startsWith('./') && !uses.startsWith('docker://') && !FIRST_PARTY_OWNERS.has(uses.split('/')[0]!));
      const unpinned = thirdParty.filter(({ uses }) => !/@[0-9a-f]{40}$/.test(uses));
      if (unpinned.length > 0) return { status: 'fail', evidence: capped(unpinned.map((use) => ({ path: use.path, line: use.line, note: `job ${use.job}: ${use.uses} is not pinned to a commit SHA` }))) };
      if (thirdParty.length === 0) return { status: 'pass', evidence: [{ path: '.github/workflows', note: 'no third-party actions used' }] };
      return { status: 'pass', evidence: capped(thirdParty.map((use) => ({ path: use.path, line: use.line, note: `${use.uses.split('@')[0]} pinned` }))) };
    },
  }),
  defineItem({
    id: 'workflow-permissions',
    category: 'Supply chain & CI',
    title: 'Workflows declare top-level permissions',
    looksFor: 'a top-level `permissions:` block in every .github/workflows file',
    evaluate(context) {
      const model = ciModel(context);
      if (model.permissions.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no GitHub Actions workflows' }] };
      const missing = model.permissions.filter((entry) => entry.line === undefined);
      if (missing.length > 0) return { status: 'fail', evidence: missing.map((entry) => ({ path: entry.path, note: 'no top-level permissions: the token gets the repository default (often write-all)' })) };
      return { status: 'pass', evidence: model.permissions.map((entry) => ({ path: entry.path, line: entry.line!, note: 'top-level permissions:' })) };
    },
  }),
];
