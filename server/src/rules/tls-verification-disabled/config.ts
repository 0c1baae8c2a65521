import { defineLanguageRule } from '../../engine/rule';
import { fix, replaceRange } from '../../engine/fix';

/** `NODE_TLS_REJECT_UNAUTHORIZED=0` in `.env`, compose, Kubernetes and JSON configuration. */
export default defineLanguageRule({
  language: 'config',
  prefilter: ['NODE_TLS_REJECT_UNAUTHORIZED'],
  check(entry, context) {
    if (entry.key !== 'NODE_TLS_REJECT_UNAUTHORIZED' || entry.value === undefined) return;
    // Node treats only the exact value "0" as "do not verify".
    if (entry.value.trim() !== '0') return;
    const contentStart = entry.valueStart + (entry.quote ? 1 : 0);
    const contentEnd = entry.valueEnd - (entry.quote ? 1 : 0);
    const document = context.document;
    // `KEY=0` on one line is reported whole; a Kubernetes `name:`/`value:` pair only at its value.
    const sameLine = document.positionAt(entry.keyStart).line === document.positionAt(entry.valueStart).line;
    context.report({
      start: sameLine ? entry.keyStart : entry.valueStart,
      end: entry.valueEnd,
      messageId: 'envConfig',
      data: { value: entry.value.trim() },
      fixes: [fix('Verify certificates (NODE_TLS_REJECT_UNAUTHORIZED=1)', [replaceRange(contentStart, contentEnd, '1')])],
    });
  },
});
