// Configuration & secrets items decided by .gitignore (a real matcher) and `git ls-files`.
import { capped, defineItem, type ItemDefinition } from '../item';
import { baseName, isNonProductPath, type ChecklistContext } from '../context';
import { GitignoreMatcher } from '../parse/gitignore';
import type { Evidence } from '../types';

export function gitignore(context: ChecklistContext): GitignoreMatcher {
  return context.cached('gitignore', () =>
    new GitignoreMatcher(context.files.filter((path) => baseName(path) === '.gitignore').map((path) => ({ path, text: context.read(path) ?? '' }))),
  );
}

/** `.env`, `.env.production`, `prod.env` — not `.env.example`/`.sample`/`.template`/`.dist`. */
export function isEnvFile(name: string): boolean {
  if (/\.(example|sample|template|dist|defaults?)$/i.test(name) || /^\.?env\.(example|sample|template|dist)/i.test(name)) return false;
  return /^\.env(\..+)?$/.test(name) || /^[\w.-]+\.env$/.test(name);
}

function trackedNote(context: ChecklistContext): Evidence | undefined {
  return context.input.tracked ? undefined : { path: '.', note: context.input.trackedNote ?? 'not a git repository: whether files are tracked is unknown, only .gitignore was checked' };
}

function ignoreEvidence(context: ChecklistContext, path: string): Evidence {
  const decision = gitignore(context).decide(path);
  return decision.source
    ? { path: decision.source.path, line: decision.source.line, note: `${path} ${decision.ignored ? 'ignored' : 're-included'} by \`${decision.source.pattern}\`` }
    : { path, note: `${path} is not ignored by any .gitignore` };
}

/** Files that hold keys, certificates or databases, by extension, and the data directories. */
const SENSITIVE = [
  { what: 'private keys', test: /\.(key|pem|p8|ppk)$|^id_(rsa|ecdsa|ed25519)$/i, probe: 'server.key' },
  { what: 'certificate stores', test: /\.(p12|pfx|jks|keystore|der|crt)$/i, probe: 'server.p12' },
  { what: 'databases', test: /\.(db|sqlite|sqlite3|db3)$/i, probe: 'local.db' },
];

export const gitignoreItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'env-not-tracked',
    category: 'Configuration & secrets',
    title: '.env files ignored and not tracked',
    looksFor: '.env and .env.* files (not .example/.sample/.template): ignored by .gitignore and absent from `git ls-files`',
    evaluate(context) {
      const matcher = gitignore(context);
      const envFiles = context.files.filter((path) => isEnvFile(baseName(path)) && !isNonProductPath(path));
      const tracked = context.input.tracked;
      const trackedEnv = tracked ? [...tracked].filter((path) => isEnvFile(baseName(path)) && !isNonProductPath(path)) : [];
      const problems: Evidence[] = [];
      for (const path of trackedEnv) problems.push({ path, note: 'tracked by git: the secrets in it are in the history; remove it with `git rm --cached` and rotate them' });
      for (const path of envFiles) if (!matcher.isIgnored(path) && !trackedEnv.includes(path)) problems.push({ ...ignoreEvidence(context, path), note: `${path} is not ignored by .gitignore` });
      const note = trackedNote(context);
      if (problems.length > 0) return { status: 'fail', evidence: capped([...problems, ...(note ? [note] : [])]) };
      if (envFiles.length === 0) {
        if (!matcher.isIgnored('.env')) {
          return { status: 'fail', evidence: [{ path: matcher.files[0] ?? '.gitignore', note: matcher.files.length === 0 ? 'no .gitignore: a .env created later would be committed' : 'no .env file now, but .gitignore does not ignore .env' }] };
        }
        return { status: 'pass', evidence: [ignoreEvidence(context, '.env'), ...(note ? [note] : [])] };
      }
      return { status: 'pass', evidence: capped([...envFiles.map((path) => ignoreEvidence(context, path)), ...(note ? [note] : [])]) };
    },
  }),
  defineItem({
    id: 'gitignore-secrets',
    category: 'Configuration & secrets',
    title: '.gitignore covers keys, certificates, databases and data directories',
    looksFor: '.gitignore patterns matching *.key/*.pem, *.p12/*.pfx, *.db/*.sqlite and data/ (when present); no such file tracked outside test fixtures',
    evaluate(context) {
      const matcher = gitignore(context);
      if (matcher.files.length === 0) return { status: 'fail', evidence: [{ path: '.', note: 'no .gitignore' }] };
      const problems: Evidence[] = [];
      const covered: Evidence[] = [];
      for (const kind of SENSITIVE) {
        const decision = matcher.decide(kind.probe);
        if (decision.ignored) covered.push(decision.source ? { path: decision.source.path, line: decision.source.line, note: `${kind.what}: \`${decision.source.pattern}\`` } : { path: '.gitignore', note: kind.what });
        else problems.push({ path: matcher.files[0]!, note: `${kind.what} (e.g. ${kind.probe}) are not ignored` });
      }
      const dataDirs = [...new Set(context.files.map((path) => path.split('/')).filter((segments) => segments.length > 1 && segments.slice(0, -1).includes('data')).map((segments) => segments.slice(0, segments.indexOf('data') + 1).join('/')))];
      for (const dir of dataDirs) {
        if (isNonProductPath(`${dir}/x`)) continue;
        const decision = matcher.decide(`${dir}/`);
        if (decision.ignored) covered.push({ path: decision.source?.path ?? '.gitignore', ...(decision.source ? { line: decision.source.line } : {}), note: `data directory ${dir}/ ignored` });
        else problems.push({ path: dir, note: `data directory ${dir}/ is not ignored` });
      }
      const tracked = context.input.tracked;
      const candidates = tracked ? [...tracked] : context.files;
      for (const path of candidates) {
        if (isNonProductPath(path) || !SENSITIVE.some((kind) => kind.test.test(baseName(path)))) continue;
        if (tracked) problems.push({ path, note: 'tracked by git: a key, certificate or database is in the repository' });
        else if (!matcher.isIgnored(path)) problems.push({ path, note: 'a key, certificate or database that .gitignore does not ignore' });
      }
      const note = trackedNote(context);
      if (problems.length > 0) return { status: 'fail', evidence: capped([...problems, ...(note ? [note] : [])]) };
      return { status: 'pass', evidence: [...covered, ...(note ? [note] : [])] };
    },
  }),
];
