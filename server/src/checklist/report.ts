// The checklist for people: a text listing for the terminal, and the readiness report in Markdown
// (the seeds' style: status line, blockers with evidence, categories as task lists, the team's items).
import type { ChecklistCategory, ChecklistItem, ChecklistJson, ChecklistStatus, Evidence, MarkdownItem } from './types';

export const CATEGORY_ORDER: readonly ChecklistCategory[] = ['Security & auth', 'Configuration & secrets', 'Reliability', 'Observability', 'Data', 'Supply chain & CI', 'Deploy & operations'];

export function counts(items: readonly ChecklistItem[]): Record<ChecklistStatus, number> {
  const result: Record<ChecklistStatus, number> = { pass: 0, fail: 0, manual: 0, 'n/a': 0 };
  for (const item of items) result[item.status]++;
  return result;
}

function byCategory(items: readonly ChecklistItem[]): Array<[ChecklistCategory, ChecklistItem[]]> {
  return CATEGORY_ORDER.map((category): [ChecklistCategory, ChecklistItem[]] => [category, items.filter((item) => item.category === category)]).filter(([, list]) => list.length > 0);
}

function where(evidence: Evidence): string {
  return evidence.line ? `${evidence.path}:${evidence.line}` : evidence.path;
}

function markdownByFile(markdown: readonly MarkdownItem[]): Map<string, MarkdownItem[]> {
  const files = new Map<string, MarkdownItem[]>();
  for (const item of markdown) {
    let list = files.get(item.path);
    if (!list) files.set(item.path, (list = []));
    list.push(item);
  }
  return files;
}

const SYMBOL: Record<ChecklistStatus, string> = { pass: '✓', fail: '✗', manual: '?', 'n/a': '–' };

export function formatChecklistText(checklist: ChecklistJson, name: string): string {
  const total = counts(checklist.items);
  const lines = [`Readiness checklist for ${name}: ${total.pass} pass, ${total.fail} fail, ${total.manual} manual, ${total['n/a']} n/a`, ''];
  const width = Math.max(...checklist.items.map((item) => item.id.length));
  for (const [category, items] of byCategory(checklist.items)) {
    const tally = counts(items);
    lines.push(`${category} (${tally.pass}/${items.length - tally['n/a']} pass)`);
    for (const item of items) {
      const symbol = item.status === 'manual' && item.checked ? '☑' : SYMBOL[item.status];
      const status = item.status === 'manual' ? (item.checked ? 'manual, ticked' : 'manual') : item.status;
      lines.push(`  ${symbol} ${item.id.padEnd(width)}  ${status.padEnd(14)}  ${item.title}`);
      const shown = item.status === 'fail' ? item.evidence.slice(0, 5) : item.evidence.slice(0, 1);
      for (const evidence of shown) lines.push(`      ${where(evidence)}: ${evidence.note}`);
      if (item.status === 'fail' && item.evidence.length > 5) lines.push(`      … ${item.evidence.length - 5} more`);
    }
    lines.push('');
  }
  for (const [path, items] of markdownByFile(checklist.markdown)) {
    lines.push(`Team checklist ${path}: ${items.filter((item) => item.checked).length} of ${items.length} done`);
    for (const item of items) lines.push(`  ${'  '.repeat(item.depth)}[${item.state}] ${item.text}  (line ${item.line})`);
    lines.push('');
  }
  for (const note of checklist.notes ?? []) lines.push(`note: ${where(note)}: ${note.note}`);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function link(evidence: Evidence): string {
  if (evidence.path === '.') return evidence.note;
  const target = evidence.path.split('/').map(encodeURIComponent).join('/');
  return `[${where(evidence)}](${target}${evidence.line ? `#L${evidence.line}` : ''}): ${evidence.note}`;
}

function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

export function formatChecklistMarkdown(checklist: ChecklistJson, name: string): string {
  const total = counts(checklist.items);
  const blockers = checklist.items.filter((item) => item.status === 'fail');
  const open = checklist.items.filter((item) => item.status === 'manual' && !item.checked);
  const out: string[] = [`# Production Readiness Report: ${escapeInline(name)}`, '', '## Current Status', ''];
  if (blockers.length > 0) out.push(`❌ **NOT READY FOR PRODUCTION**: ${blockers.length} blocker${blockers.length === 1 ? '' : 's'}`);
  else if (open.length > 0) out.push(`⚠️ **NO BLOCKERS FOUND**: ${open.length} item${open.length === 1 ? '' : 's'} still to confirm by hand`);
  else out.push('✅ **PRODUCTION READY** by every automated check');
  out.push('', `${total.pass} pass · ${total.fail} fail · ${total.manual} manual · ${total['n/a']} not applicable (of ${checklist.items.length} items)`, '');
  if (blockers.length > 0) {
    out.push('## Blockers', '');
    blockers.forEach((item, index) => {
      out.push(`${index + 1}. **${item.title}** (\`${item.id}\`, ${item.category})`);
      // Nested under a numbered item, a list must be indented past the number and its dot.
      const indent = ' '.repeat(String(index + 1).length + 2);
      for (const evidence of item.evidence) out.push(`${indent}- ${link(evidence)}`);
    });
    out.push('');
  }
  for (const [category, items] of byCategory(checklist.items)) {
    out.push(`## ${category}`, '');
    for (const item of items) {
      const first = item.evidence[0];
      const detail = first ? `: ${link(first)}${item.evidence.length > 1 ? ` (+${item.evidence.length - 1} more)` : ''}` : '';
      if (item.status === 'pass') out.push(`- [x] ${item.title} (\`${item.id}\`)${detail}`);
      else if (item.status === 'fail') out.push(`- [ ] **${item.title}** (\`${item.id}\`): see blockers`);
      else if (item.status === 'manual') out.push(`- [${item.checked ? 'x' : ' '}] ${item.title} (\`${item.id}\`, manual${item.checked ? ', confirmed' : ', to confirm'})${detail}`);
      else out.push(`- ~~${item.title}~~ (\`${item.id}\`, not applicable)${detail}`);
    }
    out.push('');
  }
  const files = markdownByFile(checklist.markdown);
  if (files.size > 0) {
    out.push("## The team's checklist", '');
    for (const [path, items] of files) {
      out.push(`### [${path}](${path.split('/').map(encodeURIComponent).join('/')}): ${items.filter((item) => item.checked).length} of ${items.length} done`, '');
      let section: string | undefined;
      for (const item of items) {
        if (item.section !== section && item.section !== undefined) {
          section = item.section;
          out.push(`**${escapeInline(section)}**`, '');
        }
        out.push(`${'  '.repeat(item.depth)}- [${item.state}] ${escapeInline(item.text)}`);
      }
      out.push('');
    }
  }
  if (checklist.notes && checklist.notes.length > 0) {
    out.push('## Notes', '');
    for (const note of checklist.notes) out.push(`- ${link(note)}`);
    out.push('');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
