import type { Rule } from '../engine/rule';
import unwrap from './unwrap';
import missingTimeout from './missing-timeout';
import tlsVerificationDisabled from './tls-verification-disabled';
import defaultCredential from './default-credential';
import hardcodedSecret from './hardcoded-secret';
import loggedSecret from './logged-secret';
import unusedSuppression from './unused-suppression';

/** The registry: one line per rule. */
export const RULES: readonly Rule[] = [unwrap, missingTimeout, tlsVerificationDisabled, defaultCredential, hardcodedSecret, loggedSecret, unusedSuppression];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
