// Items that pass when a rule has no finding outside test code: the findings are the evidence.
import type { ChecklistCategory } from '../types';
import { capped, defineItem, type ItemDefinition } from '../item';
import { isTestFile, type ChecklistContext } from '../context';

function ruleItem(id: string, category: ChecklistCategory, title: string, ruleId: string): ItemDefinition {
  return defineItem({
    id,
    category,
    title,
    looksFor: `findings of the \`${ruleId}\` rule outside test code`,
    evaluate(context: ChecklistContext) {
      const { input } = context;
      if (!input.knownRules.has(ruleId)) {
        return { status: 'manual', evidence: [{ path: '.', note: `the ${ruleId} rule is not part of this build of Readiness; check by hand` }] };
      }
      if (!input.activeRules.has(ruleId)) {
        return { status: 'manual', evidence: [{ path: '.readiness.json', note: `the ${ruleId} rule is off, so this was not evaluated` }] };
      }
      const found = [];
      let analysed = 0;
      for (const [path, facts] of input.facts) {
        analysed++;
        if (isTestFile(path)) continue;
        for (const finding of facts.findings) if (finding.ruleId === ruleId) found.push({ path, line: finding.line, note: finding.message });
      }
      found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
      if (found.length === 0) return { status: 'pass', evidence: [{ path: '.', note: `no ${ruleId} finding in ${analysed} analysed file${analysed === 1 ? '' : 's'}` }] };
      return { status: 'fail', evidence: capped(found) };
    },
  });
}

export const ruleFindingItems: readonly ItemDefinition[] = [
  ruleItem('no-default-credentials', 'Security & auth', 'No default or placeholder credentials', 'default-credential'),
  ruleItem('no-hardcoded-secrets', 'Security & auth', 'No hard-coded secrets', 'hardcoded-secret'),
  ruleItem('no-logged-secrets', 'Security & auth', 'No secrets written to logs', 'logged-secret'),
  ruleItem('tls-verification', 'Security & auth', 'TLS certificate verification stays on', 'tls-verification-disabled'),
  ruleItem('no-unwraps', 'Reliability', 'No crashes on recoverable failures (unwrap, panic, discarded errors)', 'unwrap'),
  ruleItem('network-timeouts', 'Reliability', 'Every network call and server has a timeout', 'missing-timeout'),
];
