// Deploy items read from Kubernetes manifests (YAML documents with apiVersion and kind).
import { capped, defineItem, type ItemDefinition, type ItemOutcome } from '../item';
import { isNonProductPath, type ChecklistContext } from '../context';
import { get, getEntry, itemsOf, scalarOf } from '../signals/tree-value';
import type { Evidence, TreeValue } from '../types';

const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod', 'ReplicationController']);
const WORKLOADS = new Set([...LONG_RUNNING, 'Job', 'CronJob']);

interface Container {
  path: string;
  line: number;
  workload: string;
  kind: string;
  name: string;
  value: TreeValue;
  init: boolean;
}

function podSpec(kind: string, document: TreeValue): TreeValue | undefined {
  const spec = get(document, 'spec');
  if (kind === 'Pod') return spec;
  if (kind === 'CronJob') return get(get(get(get(spec, 'jobTemplate'), 'spec'), 'template'), 'spec');
  return get(get(spec, 'template'), 'spec');
}

export function containers(context: ChecklistContext): Container[] {
  return context.cached('k8sContainers', () => {
    const found: Container[] = [];
    for (const [path, facts] of [...context.input.facts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!/\.ya?ml$/i.test(path) || isNonProductPath(path) || !facts.documents) continue;
      for (const document of facts.documents) {
        const kind = scalarOf(get(document, 'kind'));
        if (!kind || !WORKLOADS.has(kind) || !scalarOf(get(document, 'apiVersion'))) continue;
        const workload = `${kind}/${scalarOf(get(get(document, 'metadata'), 'name')) ?? '?'}`;
        const spec = podSpec(kind, document);
        for (const [key, init] of [['containers', false], ['initContainers', true]] as const) {
          for (const container of itemsOf(get(spec, key))) {
            found.push({ path, line: container.line, workload, kind, name: scalarOf(get(container, 'name')) ?? '?', value: container, init });
          }
        }
      }
    }
    return found;
  });
}

function judgeContainers(context: ChecklistContext, applies: (container: Container) => boolean, check: (container: Container) => string | undefined, passNote: (container: Container) => string): ItemOutcome {
  const all = containers(context).filter(applies);
  if (containers(context).length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no Kubernetes workload manifests (YAML with apiVersion and kind: Deployment, StatefulSet, DaemonSet, Pod, Job, CronJob)' }] };
  if (all.length === 0) return { status: 'n/a', evidence: [{ path: '.', note: 'no long-running workloads (only Jobs/CronJobs)' }] };
  const problems: Evidence[] = [];
  for (const container of all) {
    const problem = check(container);
    if (problem) problems.push({ path: container.path, line: container.line, note: `${container.workload} container ${container.name}: ${problem}` });
  }
  if (problems.length > 0) return { status: 'fail', evidence: capped(problems) };
  return { status: 'pass', evidence: capped(all.map((container) => ({ path: container.path, line: container.line, note: `${container.workload} container ${container.name}: ${passNote(container)}` }))) };
}

export const kubernetesItems: readonly ItemDefinition[] = [
  defineItem({
    id: 'k8s-probes',
    category: 'Deploy & operations',
    title: 'Readiness and liveness probes on every container',
    looksFor: 'readinessProbe and livenessProbe on each container of Deployments, StatefulSets, DaemonSets and Pods',
    evaluate: (context) =>
      judgeContainers(
        context,
        (container) => LONG_RUNNING.has(container.kind) && !container.init,
        (container) => {
          const missing = ['readinessProbe', 'livenessProbe'].filter((probe) => !getEntry(container.value, probe));
          return missing.length > 0 ? `no ${missing.join(' and no ')}` : undefined;
        },
        () => 'readinessProbe and livenessProbe',
      ),
  }),
  defineItem({
    id: 'k8s-resources',
    category: 'Deploy & operations',
    title: 'Resource requests and limits on every container',
    looksFor: 'resources.requests and resources.limits on each container and init container of every workload',
    evaluate: (context) =>
      judgeContainers(
        context,
        () => true,
        (container) => {
          const resources = get(container.value, 'resources');
          const missing = ['requests', 'limits'].filter((key) => !get(resources, key) || get(resources, key)!.t !== 'map');
          return missing.length > 0 ? `no resources.${missing.join(' and no resources.')}` : undefined;
        },
        () => 'requests and limits',
      ),
  }),
];
