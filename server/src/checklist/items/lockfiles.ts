// Supply chain items about manifests: every manifest has its lockfile committed; Rust has deny.toml.
import { capped, defineItem, type ItemDefinition } from '../item';
import { baseName, dirName, isNonProductPath, join, serviceLabel, type ChecklistContext } from '../context';
import { get, scalarOf, itemsOf } from '../signals/tree-value';
import type { Evidence } from '../types';

const NPM_LOCKS = ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb'];

/** The directories from `dir` up to the root. */
function ancestors(dir: string): string[] {
  const result = [dir];
  for (let current = dir; current !== ''; ) {
    current = dirName(current);
    result.push(current);
  }
  return result;
}

type Judgement = { manifest: string; lock?: string; problem?: string; line?: number } | undefined;

function nearestLock(context: ChecklistContext, dir: string, names: readonly string[]): string | undefined {
  for (const candidate of ancestors(dir)) {
    const found = names.map((name) => join(candidate, name)).find((path) => context.has(path));
    if (found) return found;
  }
  return undefined;
}

function npmHasDependencies(text: string | undefined): boolean {
  if (!text) return false;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].some((key) => {
      const value = manifest[key];
      return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
    });
  } catch {
    return false;
  }
}

/** Requirement lines that are not pinned to one version (`==`/`===`). */
function unpinnedRequirements(text: string): Array<{ line: number; requirement: string }> {
  const unpinned: Array<{ line: number; requirement: string }> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || line.startsWith('-') || line.startsWith('--')) return;
    if (/===?\s*[\w.*+!-]+/.test(line) || /@\s*(https?|git\+|file:)/.test(line)) return;
    unpinned.push({ line: index + 1, requirement: line.split(/\s*;/)[0]! });
  });
  return unpinned;
}

function judge(context: ChecklistContext, manifest: string): Judgement {
  const name = baseName(manifest);
  const dir = dirName(manifest);
  switch (name) {
    case 'Cargo.toml': {
      const lock = nearestLock(context, dir, ['Cargo.lock']);
      return lock ? { manifest, lock } : { manifest, problem: 'no Cargo.lock here or in a workspace root above' };
    }
    case 'go.mod': {
      const text = context.read(manifest) ?? '';
      if (!/^\s*require\b/m.test(text)) return undefined;
      const sum = join(dir, 'go.sum');
      return context.has(sum) ? { manifest, lock: sum } : { manifest, problem: 'requires modules but has no go.sum' };
    }
    case 'package.json': {
      if (!npmHasDependencies(context.read(manifest))) return undefined;
      const lock = nearestLock(context, dir, NPM_LOCKS);
      return lock ? { manifest, lock } : { manifest, problem: `has dependencies but no lockfile (${NPM_LOCKS.join(', ')}) here or above` };
    }
    case 'Pipfile': {
      const lock = join(dir, 'Pipfile.lock');
      return context.has(lock) ? { manifest, lock } : { manifest, problem: 'no Pipfile.lock' };
    }
    case 'pyproject.toml': {
      const document = context.facts(manifest)?.documents?.[0];
      const tool = get(document, 'tool');
      const locks = get(tool, 'poetry') ? ['poetry.lock'] : get(tool, 'pdm') ? ['pdm.lock'] : ['uv.lock', 'poetry.lock', 'pdm.lock', 'pylock.toml'];
      const lock = locks.map((lockName) => join(dir, lockName)).find((path) => context.has(path));
      if (lock) return { manifest, lock };
      const dependencies = itemsOf(get(get(document, 'project'), 'dependencies')).map(scalarOf).filter(Boolean);
      if (dependencies.length === 0 && !get(tool, 'poetry')) return undefined;
      // A pinned requirements file beside it serves as the lock (pip-tools, uv export).
      const requirements = context.files.filter((path) => dirName(path) === dir && /^requirements(-[\w.-]+)?\.txt$/.test(baseName(path)));
      const pinned = requirements.find((path) => unpinnedRequirements(context.read(path) ?? '').length === 0);
      if (pinned) return { manifest, lock: pinned };
      return { manifest, problem: `no lockfile (${locks.join(', ')}) or fully pinned requirements.txt beside it` };
    }
    default: {
      if (!/^requirements(-[\w.-]+)?\.txt$/.test(name)) return undefined;
      if (context.has(join(dir, 'pyproject.toml')) || context.has(join(dir, 'Pipfile'))) return undefined;
      const unpinned = unpinnedRequirements(context.read(manifest) ?? '');
      if (unpinned.length === 0) return { manifest, lock: manifest };
      return { manifest, line: unpinned[0]!.line, problem: `${unpinned.length} requirement${unpinned.length === 1 ? ' is' : 's are'} not pinned with == (e.g. ${unpinned[0]!.requirement}) and there is no lockfile` };
    }
  }
}

export const lockfileItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'lockfiles',
    category: 'Supply chain & CI',
    title: 'Every manifest has its lockfile committed',
    looksFor: 'Cargo.toml → Cargo.lock (here or a workspace root), go.mod → go.sum, package.json → package-lock/yarn.lock/pnpm-lock/bun.lock, pyproject → uv/poetry/pdm lock, Pipfile → Pipfile.lock, requirements.txt pinned with ==; tracked in git',
    evaluate(context) {
      const manifests = context.files.filter((path) => !isNonProductPath(path) && /^(Cargo\.toml|go\.mod|package\.json|Pipfile|pyproject\.toml|requirements(-[\w.-]+)?\.txt)$/.test(baseName(path)));
      const judged = manifests.map((manifest) => judge(context, manifest)).filter((judgement): judgement is NonNullable<Judgement> => judgement !== undefined);
      if (judged.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: manifests.length > 0 ? 'no manifest declares dependencies' : 'no Cargo.toml, go.mod, package.json, pyproject.toml, Pipfile or requirements.txt' }] };
      const problems: Evidence[] = [];
      const found: Evidence[] = [];
      const tracked = context.input.tracked;
      for (const judgement of judged) {
        if (judgement.problem) problems.push({ path: judgement.manifest, ...(judgement.line ? { line: judgement.line } : {}), note: judgement.problem });
        else if (tracked && !tracked.has(judgement.lock!)) problems.push({ path: judgement.lock!, note: `lockfile of ${judgement.manifest} is not committed (not in git ls-files)` });
        else found.push({ path: judgement.lock!, note: `lockfile of ${judgement.manifest}` });
      }
      if (!tracked) found.push({ path: '.', note: context.input.trackedNote ?? 'not a git repository: lockfiles are present, whether they are committed is unknown' });
      return problems.length > 0 ? { status: 'fail', evidence: capped(problems) } : { status: 'pass', evidence: capped([...new Map(found.map((entry) => [`${entry.path}${entry.note}`, entry])).values()]) };
    },
  }),
  defineItem({
    id: 'rust-deny-config',
    category: 'Supply chain & CI',
    title: 'cargo-deny configured (deny.toml)',
    looksFor: 'deny.toml, .deny.toml or .cargo/deny.toml in each Rust service or a directory above it',
    evaluate(context) {
      const rust = context.services.filter((service) => service.stack === 'rust');
      if (rust.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no Rust (Cargo.toml)' }] };
      const evidence: Evidence[] = [];
      const missing: Evidence[] = [];
      for (const service of rust) {
        const found = nearestLock(context, service.dir, ['deny.toml', '.deny.toml', '.cargo/deny.toml']);
        if (found) evidence.push({ path: found, note: `${serviceLabel(service)}` });
        else missing.push({ path: service.manifest, note: `${serviceLabel(service)}: no deny.toml here or above` });
      }
      return missing.length > 0 ? { status: 'fail', evidence: missing } : { status: 'pass', evidence: [...new Map(evidence.map((entry) => [entry.path, entry])).values()] };
    },
  }),
];
