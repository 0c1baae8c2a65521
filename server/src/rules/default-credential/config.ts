import { SECRET_NAME_TEXT, secretWordsConfiguredPrefilter } from '../shared/secret-names';
import { URL_WITH_PASSWORD } from '../shared/secret-values';
import { defineLanguageRule } from '../../engine/rule';
import { judge, USER_PASSWORD_PAIR_PREFILTER } from './judge';

/**
 * `AUTH_TOKEN=devtoken` in `.env`, `auth_token = "devtoken"` and `db_key = ""` in TOML, compose
 * `environment:` and Kubernetes `env:` in YAML, JSON settings — and credentials in URLs and
 * `admin/changeme` pairs in any value.
 */
export default defineLanguageRule({
  language: 'config',
  prefilter: [SECRET_NAME_TEXT, URL_WITH_PASSWORD, USER_PASSWORD_PAIR_PREFILTER],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  check(entry, context) {
    if (entry.valueKind !== 'string' || entry.value === undefined) return;
    const verdict = judge({ kind: 'field', name: entry.key, value: entry.value }, context, true);
    if (!verdict) return;
    const document = context.document;
    // `KEY=value` on one line is reported whole; a Kubernetes `name:`/`value:` pair only at its value.
    const sameLine = document.positionAt(entry.keyStart).line === document.positionAt(entry.valueStart).line;
    context.report({
      start: sameLine ? entry.keyStart : entry.valueStart,
      end: entry.valueEnd,
      messageId: verdict.messageId,
      data: verdict.data,
      ...(verdict.severity ? { severity: verdict.severity } : {}),
    });
  },
});
