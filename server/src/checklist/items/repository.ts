// Items decided by files of the repository: security policy, code owners, update bots, and the
// operational documents (deploy, runbook, changelog), which are `manual` when none is found.
import { defineItem, type ItemDefinition } from '../item';
import { baseName, dirName, type ChecklistContext } from '../context';
import type { Evidence } from '../types';

const CONTACT = /[\w.+-]+@[\w-]+\.[\w.-]+|https?:\/\/\S+|security\/advisories|private vulnerability report/i;

function markdownFiles(context: ChecklistContext): string[] {
  return context.cached('markdownFiles', () => context.files.filter((path) => /\.(md|markdown|rst|adoc|txt)$/i.test(path) && !path.includes('node_modules/')));
}

/** Headings of the Markdown files, with lines. */
function headings(context: ChecklistContext): Array<{ path: string; line: number; text: string }> {
  return context.cached('headings', () => {
    const found: Array<{ path: string; line: number; text: string }> = [];
    for (const path of markdownFiles(context)) {
      if (!/\.(md|markdown)$/i.test(path)) continue;
      const text = context.read(path);
      if (!text) continue;
      let fenced = false;
      text.split(/\r?\n/).forEach((line, index) => {
        if (/^\s{0,3}(```|~~~)/.test(line)) fenced = !fenced;
        const heading = !fenced && /^\s{0,3}#{1,6}\s+(.+?)\s*#*$/.exec(line);
        if (heading) found.push({ path, line: index + 1, text: heading[1]! });
      });
    }
    return found;
  });
}

/** A Markdown section: its heading line and the lines up to the next heading of the same or a higher level. */
function sectionText(context: ChecklistContext, path: string, line: number): string {
  const lines = (context.read(path) ?? '').split(/\r?\n/);
  const level = /^\s{0,3}(#{1,6})/.exec(lines[line - 1] ?? '')?.[1]?.length ?? 6;
  const body = [lines[line - 1] ?? ''];
  for (let index = line; index < lines.length; index++) {
    const heading = /^\s{0,3}(#{1,6})\s/.exec(lines[index]!);
    if (heading && heading[1]!.length <= level) break;
    body.push(lines[index]!);
  }
  return body.join('\n');
}

function documentItem(id: string, title: string, looksFor: string, fileName: RegExp, heading: RegExp, refine?: (context: ChecklistContext, evidence: Evidence[]) => Evidence[]): ItemDefinition {
  return defineItem({
    id,
    category: 'Deploy & operations',
    title,
    looksFor,
    evaluate(context) {
      const files = markdownFiles(context).filter((path) => fileName.test(path));
      const sections = headings(context).filter((entry) => heading.test(entry.text));
      let evidence: Evidence[] = [...files.map((path) => ({ path, note: 'document' })), ...sections.map((entry) => ({ path: entry.path, line: entry.line, note: `section "${entry.text}"` }))];
      if (evidence.length === 0) return { status: 'manual', evidence: [{ path: '.', note: `none found (looked for ${looksFor}); tick it when it exists elsewhere` }] };
      if (refine) {
        const refined = refine(context, evidence);
        if (refined.length === 0) return { status: 'manual', evidence: [...evidence.slice(0, 5), { path: '.', note: 'found, but it does not cover rollback; judge by hand' }] };
        evidence = refined;
      }
      return { status: 'pass', evidence: evidence.slice(0, 10) };
    },
  });
}

export const repositoryItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'security-policy',
    category: 'Security & auth',
    title: 'Security policy with a contact',
    looksFor: 'SECURITY.md at the root, in .github/ or docs/, containing an e-mail address or a URL to report to',
    evaluate(context) {
      const policies = context.files.filter((path) => /^SECURITY(\.md|\.markdown|\.txt|\.rst)?$/i.test(baseName(path)) && ['', '.github', 'docs'].includes(dirName(path)));
      if (policies.length === 0) return { status: 'fail', evidence: [{ path: '.', note: 'no SECURITY.md (looked in the root, .github/ and docs/)' }] };
      for (const path of policies) {
        const lines = (context.read(path) ?? '').split(/\r?\n/);
        const index = lines.findIndex((line) => CONTACT.test(line));
        if (index !== -1) return { status: 'pass', evidence: [{ path, line: index + 1, note: 'reporting contact' }] };
      }
      return { status: 'fail', evidence: policies.map((path) => ({ path, note: 'no contact (e-mail address or URL) to report vulnerabilities to' })) };
    },
  }),
  defineItem({
    id: 'codeowners',
    category: 'Supply chain & CI',
    title: 'CODEOWNERS assigns reviewers',
    looksFor: 'CODEOWNERS at the root, in .github/, docs/ or .gitlab/',
    evaluate(context) {
      const found = ['CODEOWNERS', '.github/CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'].filter((path) => context.has(path));
      return found.length > 0 ? { status: 'pass', evidence: found.map((path) => ({ path, note: 'code owners' })) } : { status: 'fail', evidence: [{ path: '.', note: 'no CODEOWNERS (looked in the root, .github/, docs/, .gitlab/)' }] };
    },
  }),
  defineItem({
    id: 'dependency-updates',
    category: 'Supply chain & CI',
    title: 'Dependency updates automated (Dependabot or Renovate)',
    looksFor: '.github/dependabot.yml, renovate.json(5), .renovaterc(.json), .github/renovate.json, .gitlab/renovate.json, or "renovate" in package.json',
    evaluate(context) {
      const candidates = ['.github/dependabot.yml', '.github/dependabot.yaml', 'renovate.json', 'renovate.json5', '.renovaterc', '.renovaterc.json', '.github/renovate.json', '.github/renovate.json5', '.gitlab/renovate.json'];
      const found = candidates.filter((path) => context.has(path));
      if (found.length > 0) return { status: 'pass', evidence: found.map((path) => ({ path, note: 'update bot configuration' })) };
      try {
        const manifest = JSON.parse(context.read('package.json') ?? '{}') as Record<string, unknown>;
        if (manifest.renovate) return { status: 'pass', evidence: [{ path: 'package.json', note: 'renovate configuration' }] };
      } catch {
        // an unreadable package.json has no renovate key
      }
      return { status: 'fail', evidence: [{ path: '.', note: `no Dependabot or Renovate configuration (looked for ${candidates.join(', ')})` }] };
    },
  }),
  documentItem(
    'deploy-docs', 'Deploy and rollback documented',
    'DEPLOY*.md, *deployment*.md, docs/deploy*, or a "Deploy"/"Deployment"/"Rollback" section in Markdown',
    /(^|\/)[^/]*deploy[^/]*\.(md|markdown|rst|adoc)$/i, /\b(deploy(ment|ing|s)?|roll(ing)?[ -]?back|release process)\b/i,
    (context, evidence) => evidence.filter((entry) => /\broll(ing|ed|s)?[ -]?back\b/i.test(entry.line ? sectionText(context, entry.path, entry.line) : (context.read(entry.path) ?? ''))).map((entry) => ({ ...entry, note: `${entry.note} (covers rollback)` })),
  ),
  documentItem('runbook', 'A runbook for incidents', 'RUNBOOK*.md, runbooks/, playbooks, ONCALL*.md, or a "Runbook"/"Incident"/"On-call"/"Troubleshooting" section', /(^|\/)(runbooks?|playbooks?)(\/|[^/]*\.(md|markdown|rst|adoc)$)|(^|\/)on-?call[^/]*\.(md|markdown)$/i, /\b(runbook|incident response|on-?call|troubleshooting|playbook)\b/i),
  documentItem('changelog', 'A changelog', 'CHANGELOG*, CHANGES*, HISTORY*, RELEASE_NOTES*, NEWS.md', /(^|\/)(CHANGELOG|CHANGES|HISTORY|RELEASE[-_]?NOTES|NEWS)[^/]*$/i, /^changelog$/i),
];
