import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'logged-secret',
  title: 'Secret written to logs',
  defaultSeverity: 'error',
  category: 'Security & auth',
  appliesToTests: false,
  fixable: true,
  messages: {
    value: '`{name}`{phrase} is written out by `{logger}`, so the secret ends up in log files, log shipping and log search, readable by anyone with access to them. Log a redacted value, or leave it out.',
    key: '`{logger}` writes a secret{phrase} under `{name}`, so it ends up in log files, log shipping and log search, readable by anyone with access to them. Log a redacted value, or leave it out.',
  },
});
