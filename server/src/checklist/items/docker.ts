// Deploy items read from parsed Dockerfiles (see ../parse/dockerfile.ts): judged per Dockerfile,
// on its final stage (the image that ships).
import { capped, defineItem, type ItemDefinition, type ItemOutcome } from '../item';
import { baseName, dirName, isNonProductPath, join, type ChecklistContext } from '../context';
import { isDockerfile, parseDockerfile, type Dockerfile, type Stage } from '../parse/dockerfile';
import type { Evidence } from '../types';

interface ParsedDockerfile {
  path: string;
  dockerfile: Dockerfile;
  final: Stage | undefined;
}

export function dockerfiles(context: ChecklistContext): ParsedDockerfile[] {
  return context.cached('dockerfiles', () =>
    context.files
      .filter((path) => isDockerfile(baseName(path)) && !isNonProductPath(path))
      .map((path) => {
        const dockerfile = parseDockerfile(context.read(path) ?? '');
        return { path, dockerfile, final: dockerfile.stages.at(-1) };
      }),
  );
}

function perDockerfile(context: ChecklistContext, judge: (file: ParsedDockerfile) => { ok: boolean; evidence: Evidence[] }): ItemOutcome {
  const files = dockerfiles(context);
  if (files.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no Dockerfile or Containerfile' }] };
  const results = files.map((file) => {
    if (!file.final) return { ok: false, evidence: [{ path: file.path, note: `no FROM instruction${file.dockerfile.problems[0] ? ` (${file.dockerfile.problems[0].message}, line ${file.dockerfile.problems[0].line})` : ''}` }] };
    return judge(file);
  });
  const failed = results.filter((result) => !result.ok);
  return { status: failed.length > 0 ? 'fail' : 'pass', evidence: capped((failed.length > 0 ? failed : results).flatMap((result) => result.evidence)) };
}

const ROOT_USERS = new Set(['root', '0', 'root:root', '0:0', 'root:0', '0:root']);

/** The last USER of a stage, following `FROM <earlier stage>` back. */
function lastUser(stage: Stage): { user: string; line: number } | undefined {
  for (let current: Stage | undefined = stage; current; current = current.fromStage) {
    const user = current.instructions.filter((instruction) => instruction.keyword === 'USER').at(-1);
    if (user) return { user: user.args.trim(), line: user.line };
  }
  return undefined;
}

function stageInstructions(stage: Stage, keyword: string): Array<Stage['instructions'][number]> {
  const found = [];
  for (let current: Stage | undefined = stage; current; current = current.fromStage) {
    const own = current.instructions.filter((instruction) => instruction.keyword === keyword);
    if (own.length > 0) {
      found.push(...own);
      break;
    }
  }
  return found;
}

export const dockerItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'docker-pinned',
    category: 'Deploy & operations',
    title: 'Base images pinned by digest',
    looksFor: 'every FROM image (after ARG substitution) written as image@sha256:…; scratch and earlier stages need none',
    evaluate: (context) =>
      perDockerfile(context, (file) => {
        const evidence: Evidence[] = [];
        let ok = true;
        for (const stage of file.dockerfile.stages) {
          if (stage.fromStage) continue;
          if (stage.unresolved) {
            ok = false;
            evidence.push({ path: file.path, line: stage.line, note: `FROM ${stage.rawImage}: ARG ${stage.unresolved} has no default, so the image is chosen at build time and cannot be checked` });
          } else if (stage.image.toLowerCase() === 'scratch') {
            evidence.push({ path: file.path, line: stage.line, note: 'FROM scratch (nothing to pin)' });
          } else if (/@sha256:[0-9a-f]{64}$/i.test(stage.image)) {
            evidence.push({ path: file.path, line: stage.line, note: `FROM ${stage.image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]+$/i, '@sha256:$1…')} pinned` });
          } else {
            ok = false;
            evidence.push({ path: file.path, line: stage.line, note: `FROM ${stage.image} is not pinned by digest (a tag can move)` });
          }
        }
        return { ok, evidence: ok ? evidence : evidence.filter((entry) => !/pinned$|nothing to pin/.test(entry.note)) };
      }),
  }),
  defineItem({
    id: 'docker-nonroot',
    category: 'Deploy & operations',
    title: 'Containers run as a non-root user',
    looksFor: 'the last USER of the final stage (following FROM <stage>) is not root or 0; a distroless :nonroot base also passes',
    evaluate: (context) =>
      perDockerfile(context, (file) => {
        const final = file.final!;
        const user = lastUser(final);
        if (user && !ROOT_USERS.has(user.user.toLowerCase())) return { ok: true, evidence: [{ path: file.path, line: user.line, note: `USER ${user.user}` }] };
        if (user) return { ok: false, evidence: [{ path: file.path, line: user.line, note: `the final stage runs as USER ${user.user}` }] };
        let base: Stage = final;
        while (base.fromStage) base = base.fromStage;
        if (/[:-]nonroot\b/.test(base.image)) return { ok: true, evidence: [{ path: file.path, line: base.line, note: `${base.image} runs as nonroot by default` }] };
        return { ok: false, evidence: [{ path: file.path, line: final.line, note: 'no USER in the final stage: the container runs as root' }] };
      }),
  }),
  defineItem({
    id: 'dockerignore',
    category: 'Deploy & operations',
    title: '.dockerignore keeps the build context small and secret-free',
    looksFor: '.dockerignore beside each Dockerfile (its usual build context), at the root, or <Dockerfile>.dockerignore',
    evaluate: (context) =>
      perDockerfile(context, (file) => {
        const candidates = [join(dirName(file.path), '.dockerignore'), '.dockerignore', `${file.path}.dockerignore`];
        const found = candidates.find((candidate) => context.has(candidate));
        if (found) return { ok: true, evidence: [{ path: found, note: `build context of ${file.path}` }] };
        return { ok: false, evidence: [{ path: file.path, note: `no .dockerignore (looked for ${[...new Set(candidates)].join(', ')}): .env files, .git and local data go into the image context` }] };
      }),
  }),
  defineItem({
    id: 'docker-healthcheck',
    category: 'Deploy & operations',
    title: 'Images declare a HEALTHCHECK',
    looksFor: 'HEALTHCHECK CMD in the final stage (HEALTHCHECK NONE does not count)',
    evaluate: (context) =>
      perDockerfile(context, (file) => {
        const check = stageInstructions(file.final!, 'HEALTHCHECK').at(-1);
        if (check && !/^NONE\b/i.test(check.args)) return { ok: true, evidence: [{ path: file.path, line: check.line, note: `HEALTHCHECK ${check.args.slice(0, 60)}` }] };
        return { ok: false, evidence: [{ path: file.path, line: check?.line ?? file.final!.line, note: check ? 'HEALTHCHECK NONE' : 'no HEALTHCHECK in the final stage' }] };
      }),
  }),
  defineItem({
    id: 'docker-exec-form',
    category: 'Deploy & operations',
    title: 'CMD and ENTRYPOINT in exec form, so SIGTERM reaches the process',
    looksFor: 'CMD/ENTRYPOINT of the final stage written as a JSON array (shell form runs under /bin/sh -c, which does not forward signals)',
    evaluate: (context) =>
      perDockerfile(context, (file) => {
        const entries = [...stageInstructions(file.final!, 'ENTRYPOINT').slice(-1), ...stageInstructions(file.final!, 'CMD').slice(-1)];
        if (entries.length === 0) return { ok: true, evidence: [{ path: file.path, line: file.final!.line, note: 'no CMD or ENTRYPOINT: the base image\'s are used' }] };
        const shell = entries.filter((entry) => !entry.exec);
        // CMD in shell form after an exec-form ENTRYPOINT is passed as arguments; still a mistake.
        if (shell.length > 0) return { ok: false, evidence: shell.map((entry) => ({ path: file.path, line: entry.line, note: `${entry.keyword} ${entry.args.slice(0, 60)} is in shell form: /bin/sh becomes PID 1 and SIGTERM never reaches the process` })) };
        return { ok: true, evidence: entries.map((entry) => ({ path: file.path, line: entry.line, note: `${entry.keyword} in exec form` })) };
      }),
  }),
];
