import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'missing-timeout',
  title: 'Network call or server without a timeout',
  defaultSeverity: 'warning',
  category: 'Reliability',
  appliesToTests: false,
  fixable: true,
  messages: {
    client: '{subject} has no timeout: a slow or dead peer holds the connection, the task and its memory forever, until the service runs out of them. Set a timeout.',
    server: '{subject} has no read timeout: slow clients can hold connections open forever and exhaust the server (Slowloris). Set ReadHeaderTimeout or ReadTimeout.',
    explicitNone: '`timeout=None` waits forever on a slow or dead peer, holding the worker until the service runs out of them. Use a finite timeout.',
    connect: '{subject} can block for minutes on an unreachable host. Use {instead}.',
  },
});
