import { defineRuleMeta } from '../../engine/rule';

export default defineRuleMeta({
  id: 'unwrap',
  title: 'Crash on a recoverable failure',
  defaultSeverity: 'warning',
  category: 'Reliability',
  appliesToTests: false,
  fixable: true,
  messages: {
    rustUnwrap: '`.{method}()` panics when the value is {failure}, taking the whole request or process down. Propagate the error with `?` or handle it.',
    rustExpect: '`.expect(…)` panics when the value is {failure}, taking the whole request or process down. Propagate the error with `?` or handle it.',
    rustPanicMacro: '`{macro}!` aborts the task or process in production. Return an error instead.',
    rustExpectErr: '`.{method}(…)` panics when the value is {failure}, taking the whole request or process down. Match on the result instead.',
    rustLockUnwrap: '`.{lock}().{method}()` panics when another thread panicked while holding the lock (a poisoned lock), so one failure cascades into every later request. Recover the guard with `.unwrap_or_else(PoisonError::into_inner)` or handle the error.',
    goDiscardedError: 'The error returned by `{call}` is discarded with `_`, so a failure goes unnoticed and the code carries on with a zero value. Check the error.',
    goPanic: '`panic` in `{function}` crashes the whole server on one bad input. Return an error instead; panics belong in `main` and `init` only.',
    pythonSwallowed: '`{clause}` with only `{body}` swallows every error, including bugs and failed writes, so the service carries on in a broken state with nothing in the logs. Handle the specific exception, or re-raise.',
    pythonSwallowedContinue: '`{clause}` with only `continue` skips the item on every error, including bugs, with nothing in the logs, so data is dropped silently. Log the exception, or catch the specific exception.',
    tsNonNull: 'The non-null assertion `!` hides a possible `null`/`undefined`, which then crashes at run time with a TypeError. Check the value or use optional chaining.',
  },
});
