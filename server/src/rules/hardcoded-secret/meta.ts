import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'hardcoded-secret',
  title: 'Real-looking secret in source or config',
  defaultSeverity: 'error',
  category: 'Security & auth',
  appliesToTests: true,
  fixable: false,
  messages: {
    format: 'This looks like a real {format}. Anyone who can read the repository, an image or a build log can use it, and it stays in the history after it is removed. Revoke it, then load it from a secret store or the environment.',
    highEntropy: '{name} holds a random-looking {length}-character literal, which is what real keys look like. A secret in the source reaches everyone who can read the repository and stays in its history. Revoke it, then load it from a secret store or the environment.',
    urlPassword: 'The URL in {name} carries a password (`user:password@host`). Anyone who can read the repository can use it. Take the credentials from a secret store or the environment.',
  },
});
