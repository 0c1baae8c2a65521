// CI configuration read by structure: which job runs which commands and uses which actions.
import type { TreeValue } from '../types';
import { entriesOf, get, getEntry, itemsOf, scalarOf } from '../signals/tree-value';

export type CiKind = 'github' | 'gitlab' | 'other';

export interface CiCommand {
  path: string;
  line: number;
  job: string;
  /** One simple command, split into words (environment assignments and `sudo` dropped). */
  words: string[];
  text: string;
}

export interface CiUses {
  path: string;
  line: number;
  job: string;
  uses: string;
}

export interface CiModel {
  files: Array<{ path: string; kind: CiKind }>;
  commands: CiCommand[];
  uses: CiUses[];
  /** GitHub workflow files and the line of their top-level `permissions:`, if any. */
  permissions: Array<{ path: string; line?: number }>;
}

/** CI files by path; `other` ones are recognised but not read. */
export function ciKind(path: string): CiKind | undefined {
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(path)) return path.startsWith('.github/') ? 'github' : undefined;
  if (/^\.gitlab-ci\.ya?ml$/i.test(path) || /^\.gitlab\/ci\/[^/]+\.ya?ml$/i.test(path)) return 'gitlab';
  if (/^(\.circleci\/config\.ya?ml|Jenkinsfile|azure-pipelines\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|\.drone\.ya?ml|\.buildkite\/pipeline\.ya?ml|buildspec\.ya?ml|cloudbuild\.ya?ml|\.woodpecker\.ya?ml)$/i.test(path)) return 'other';
  return undefined;
}

/** Simple commands of a shell script: lines (with `\` continuations), split on `&&`, `||`, `;`, `|`. */
export function shellCommands(script: string): Array<{ offsetLine: number; text: string; words: string[] }> {
  const result: Array<{ offsetLine: number; text: string; words: string[] }> = [];
  const lines = script.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const startLine = i;
    let line = lines[i]!;
    while (line.trimEnd().endsWith('\\') && i + 1 < lines.length) line = line.trimEnd().slice(0, -1) + ' ' + lines[++i]!.trim();
    const code = line.replace(/(^|\s)#.*$/, '');
    for (const part of code.split(/&&|\|\||;|\|/)) {
      const words = part.trim().split(/\s+/).filter(Boolean).map((word) => word.replace(/^["']|["']$/g, ''));
      while (words.length > 0 && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]!) || ['sudo', 'time', 'exec', 'env', 'then', 'do', 'else', '(', '{'].includes(words[0]!))) words.shift();
      if (words.length > 0) result.push({ offsetLine: startLine, text: part.trim(), words });
    }
  }
  return result;
}

function addScript(model: CiModel, path: string, job: string, value: TreeValue | undefined): void {
  const scripts = value?.t === 'seq' ? value.items : value ? [value] : [];
  for (const script of scripts) {
    const text = scalarOf(script);
    if (text === undefined) continue;
    for (const command of shellCommands(text)) model.commands.push({ path, line: script.line + command.offsetLine, job, words: command.words, text: command.text });
  }
}

const GITLAB_RESERVED = new Set(['stages', 'variables', 'include', 'default', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'types', 'pages:deploy']);

export function buildCiModel(files: ReadonlyArray<{ path: string; kind: CiKind; documents?: TreeValue[] }>): CiModel {
  const model: CiModel = { files: files.map(({ path, kind }) => ({ path, kind })), commands: [], uses: [], permissions: [] };
  for (const file of files) {
    const document = file.documents?.[0];
    if (file.kind === 'github') {
      const permissions = getEntry(document, 'permissions');
      model.permissions.push(permissions ? { path: file.path, line: permissions.line } : { path: file.path });
      for (const job of entriesOf(get(document, 'jobs'))) {
        const reusable = getEntry(job.value, 'uses');
        if (reusable && scalarOf(reusable.value)) model.uses.push({ path: file.path, line: reusable.line, job: job.key, uses: scalarOf(reusable.value)! });
        for (const step of itemsOf(get(job.value, 'steps'))) {
          const uses = getEntry(step, 'uses');
          const action = scalarOf(uses?.value);
          if (uses && action) model.uses.push({ path: file.path, line: uses.line, job: job.key, uses: action });
          addScript(model, file.path, job.key, get(step, 'run'));
          // Actions that run the tools themselves.
          if (action) model.commands.push({ path: file.path, line: uses!.line, job: job.key, words: ['uses', action.split('@')[0]!], text: `uses: ${action}` });
        }
      }
    } else if (file.kind === 'gitlab') {
      for (const job of entriesOf(document)) {
        if (GITLAB_RESERVED.has(job.key) || job.key.startsWith('.') || job.value.t !== 'map') continue;
        for (const key of ['before_script', 'script', 'after_script']) addScript(model, file.path, job.key, get(job.value, key));
      }
      // Included templates run jobs of their own (`Security/Dependency-Scanning.gitlab-ci.yml`).
      const include = get(document, 'include');
      for (const entry of include?.t === 'seq' ? include.items : include ? [include] : []) {
        const template = scalarOf(entry) ?? scalarOf(get(entry, 'template')) ?? scalarOf(get(entry, 'component'));
        if (template) model.commands.push({ path: file.path, line: entry.line, job: '(include)', words: ['include', template], text: `include: ${template}` });
      }
      for (const key of ['before_script', 'after_script']) addScript(model, file.path, '(default)', get(document, key));
      for (const key of ['before_script', 'after_script']) addScript(model, file.path, '(default)', get(get(document, 'default'), key));
    }
  }
  return model;
}
