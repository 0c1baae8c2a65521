import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readiness } from '../support/cli';
import { materialize } from '../support/checklist-workspaces';
import { LspClient, uriOf } from '../support/lsp-client';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  REPORT_REQUEST,
  SET_CHECKLIST_ITEM_REQUEST,
  type ChecklistChangedParams,
  type ChecklistResult,
  type ReportResult,
  type SetChecklistItemResult,
} from '../../server/src/lsp/checklist-protocol';
import type { ChecklistJson } from '../../server/src/checklist/types';

describe('language server: workspace checklist', function () {
  this.timeout(90_000);
  let client: LspClient;
  let root: string;
  let changed: string[];

  beforeEach(async () => {
    root = materialize('rust-good', { git: true });
    client = new LspClient();
    changed = [];
    client.connection.onNotification(CHECKLIST_CHANGED_NOTIFICATION, (params: ChecklistChangedParams) => {
      changed.push(params.folderUri);
    });
    await client.initialize([root]);
  });

  afterEach(async () => {
    await client?.shutdown();
  });

  const folderUri = (): string => uriOf(root);
  const checklist = async (): Promise<ChecklistJson> => {
    const result = (await client.connection.sendRequest(CHECKLIST_REQUEST, { folderUri: folderUri() })) as ChecklistResult;
    assert.equal(result.folders.length, 1);
    return result.folders[0]!.checklist;
  };
  const item = (json: ChecklistJson, id: string): ChecklistJson['items'][number] => json.items.find((candidate) => candidate.id === id)!;
  const waitForChange = (count: number): Promise<boolean> => client.waitFor(`${count} checklistChanged notifications`, () => changed.length >= count && changed.every((uri) => uri === folderUri()));
  const fileChanged = (path: string, type: 1 | 2 | 3): void => void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(join(root, path)), type }] });

  it('serves the same checklist JSON and report as the command line, for every folder when none is named', async () => {
    const all = (await client.connection.sendRequest(CHECKLIST_REQUEST, {})) as ChecklistResult;
    assert.deepEqual(all.folders.map((folder) => [folder.uri, folder.name]), [[folderUri(), 'folder0']]);
    const cli = JSON.parse((await readiness(['checklist', root, '--format', 'json'])).stdout) as ChecklistJson;
    assert.deepEqual(all.folders[0]!.checklist, cli);
    assert.ok(client.logs.some((line) => /checklist took \d+ files from the diagnostics scan/.test(line)), 'the checklist reused the scan\'s parses');
    const report = (await client.connection.sendRequest(REPORT_REQUEST, { folderUri: folderUri() })) as ReportResult;
    assert.equal(report.markdown, (await readiness(['checklist', root, '--format', 'md'])).stdout);
  });

  it('ticks a Markdown item on disk by one byte, refuses a line that is no item, and notifies', async () => {
    const file = join(root, 'PRODUCTION_READINESS.md');
    const before = readFileSync(file);
    const json = await checklist();
    const target = json.markdown.find((entry) => entry.text === 'Rotate the database password')!;
    assert.equal(target.checked, false);
    const refused = (await client.connection.sendRequest(SET_CHECKLIST_ITEM_REQUEST, { folderUri: folderUri(), kind: 'markdown', path: 'PRODUCTION_READINESS.md', line: 1, checked: true })) as SetChecklistItemResult;
    assert.equal(refused.ok, false);
    assert.match(refused.message ?? '', /not a checklist item/);
    assert.ok(readFileSync(file).equals(before), 'nothing written');
    const ticked = (await client.connection.sendRequest(SET_CHECKLIST_ITEM_REQUEST, { folderUri: folderUri(), kind: 'markdown', path: target.path, line: target.line, checked: true, text: target.text })) as SetChecklistItemResult;
    assert.deepEqual(ticked, { ok: true });
    const after = readFileSync(file);
    assert.equal(after.length, before.length);
    assert.equal([...after].filter((byte, index) => byte !== before[index]).length, 1);
    await waitForChange(1);
    assert.equal((await checklist()).markdown.find((entry) => entry.line === target.line)!.checked, true);
  });

  it('remembers manual ticks in .readiness/checklist-state.json and refuses items that are not manual', async () => {
    assert.equal(item(await checklist(), 'backups-restore').checked, false);
    const ok = (await client.connection.sendRequest(SET_CHECKLIST_ITEM_REQUEST, { folderUri: folderUri(), kind: 'manual', id: 'backups-restore', checked: true })) as SetChecklistItemResult;
    assert.deepEqual(ok, { ok: true });
    assert.ok(existsSync(join(root, '.readiness', 'checklist-state.json')));
    await waitForChange(1);
    assert.equal(item(await checklist(), 'backups-restore').checked, true);
    const refused = (await client.connection.sendRequest(SET_CHECKLIST_ITEM_REQUEST, { folderUri: folderUri(), kind: 'manual', id: 'docker-pinned', checked: true })) as SetChecklistItemResult;
    assert.equal(refused.ok, false);
  });

  it('re-evaluates after a file changes on disk and after the configuration changes, and notifies', async () => {
    assert.equal(item(await checklist(), 'docker-healthcheck').status, 'pass');
    const dockerfile = join(root, 'Dockerfile');
    writeFileSync(dockerfile, readFileSync(dockerfile, 'utf8').replace(/^HEALTHCHECK.*\n/m, ''));
    fileChanged('Dockerfile', 2);
    await waitForChange(1);
    assert.equal(item(await checklist(), 'docker-healthcheck').status, 'fail');

    const main = join(root, 'src', 'main.rs');
    writeFileSync(main, readFileSync(main, 'utf8').replace('"/healthz"', '"/orders"'));
    fileChanged('src/main.rs', 2);
    await waitForChange(2);
    assert.equal(item(await checklist(), 'health-endpoint').status, 'fail');

    writeFileSync(join(root, '.readiness.json'), JSON.stringify({ checklist: { overrides: { 'health-endpoint': { status: 'n/a', reason: 'a sidecar answers health checks' } } } }));
    fileChanged('.readiness.json', 1);
    await waitForChange(3);
    const overridden = item(await checklist(), 'health-endpoint');
    assert.equal(overridden.status, 'n/a');
    assert.match(overridden.evidence[0]!.note, /a sidecar answers health checks/);
  });
});
