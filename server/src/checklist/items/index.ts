import type { ItemDefinition } from '../item';
import { ruleFindingItems } from './rule-findings';
import { codeSignalItems } from './code-signals';
import { repositoryItems } from './repository';
import { gitignoreItems } from './gitignore';
import { environmentItems } from './environment';
import { dataItems } from './data';
import { ciItems } from './ci';
import { lockfileItems } from './lockfiles';
import { dockerItems } from './docker';
import { kubernetesItems } from './kubernetes';

/** Item ids in the order of SPEC §7's table: the order of every report. */
export const ITEM_ORDER: readonly string[] = [
  'no-default-credentials', 'no-hardcoded-secrets', 'no-logged-secrets', 'tls-verification', 'security-headers', 'rate-limiting', 'security-policy',
  'env-not-tracked', 'env-example', 'gitignore-secrets', 'no-secret-fallbacks',
  'no-unwraps', 'network-timeouts', 'graceful-shutdown', 'health-endpoint', 'panic-hook',
  'structured-logging', 'metrics-endpoint', 'request-ids',
  'migrations', 'backups-restore',
  'ci-workflow', 'ci-runs-tests', 'dependency-audit', 'rust-deny-config', 'lockfiles', 'codeowners', 'dependency-updates', 'actions-pinned', 'workflow-permissions',
  'docker-pinned', 'docker-nonroot', 'dockerignore', 'docker-healthcheck', 'docker-exec-form', 'k8s-probes', 'k8s-resources', 'deploy-docs', 'runbook', 'changelog',
];

/** The registry: one line per item family. */
const FAMILIES: ReadonlyArray<readonly ItemDefinition[]> = [
  ruleFindingItems, codeSignalItems, repositoryItems, gitignoreItems, environmentItems, dataItems, ciItems, lockfileItems, dockerItems, kubernetesItems,
];

export const ITEMS: readonly ItemDefinition[] = FAMILIES.flat().sort((a, b) => ITEM_ORDER.indexOf(a.id) - ITEM_ORDER.indexOf(b.id));

export function itemById(id: string): ItemDefinition | undefined {
  return ITEMS.find((item) => item.id === id);
}
