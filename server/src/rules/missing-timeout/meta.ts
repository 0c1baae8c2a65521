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
    rustImplicitTimeout: '{subject} relies on the blocking client\'s implicit 30-second default, which is longer than most callers can wait and is lost when the code moves to the async client, which has no default. Set an explicit timeout.',
    rustTimeoutNone: '`.timeout(None)` switches the client\'s timeout off: a slow or dead peer holds the thread forever. Use a finite timeout.',
    tsZeroTimeout: '`timeout: 0` switches the timeout of {subject} off: a slow or dead peer holds the request, the task and its memory forever. Use a finite timeout.',
  },
});
