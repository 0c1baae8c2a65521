import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'default-credential',
  title: 'Default, placeholder or empty credential',
  defaultSeverity: 'error',
  category: 'Security & auth',
  appliesToTests: false,
  fixable: true,
  messages: {
    defaultValue: '{name} is set to a well-known default or placeholder. A service deployed with it accepts anyone who tries the usual guesses. Read it from the environment or a secret store, and fail at start-up when it is missing.',
    emptyValue: '{name} is set to an empty string. A service deployed with it runs without the credential (or accepts an empty one). Read it from the environment or a secret store, and fail at start-up when it is missing.',
    envFallback: '{name} falls back to a default when the environment does not set it, so a deployment that forgets the variable silently runs with a guessable credential. Fail at start-up when it is missing instead.',
    emptyEnvFallback: '{name} falls back to an empty string when the environment does not set it, so a deployment that forgets the variable silently runs without the credential. Fail at start-up when it is missing instead.',
    defaultReturned: '{name} returns a well-known default or placeholder credential, which is what a deployment gets when nothing overrides it. Read it from the environment or a secret store, and fail when it is missing.',
    urlPassword: 'The URL in {name} carries a default password (`user:password@host`); anyone who knows the default can connect. Take the credentials from the environment or a secret store.',
    userPasswordPair: '{name} holds a default user/password pair; anyone who tries the usual defaults gets in. Set real credentials from a secret store.',
  },
});
