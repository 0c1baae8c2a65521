import { defineRule } from '../../engine/rule';
import { unusedSuppressionMeta } from '../../engine/unused-suppression';

/** Found by the engine while applying suppressions; listed here so docs, SARIF and config know it. */
export default defineRule(unusedSuppressionMeta, []);
