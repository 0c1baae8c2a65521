import { strict as assert } from 'node:assert';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from '../support/cli';
import { applyWorkspaceEdit, LspClient, uriOf } from '../support/lsp-client';

const ENV = 'PORT=8080\nNODE_TLS_REJECT_UNAUTHORIZED=0\n';
const GO = `package svc

import "crypto/tls"

func A() *tls.Config { return &tls.Config{InsecureSkipVerify: true} }

func B() *tls.Config { return &tls.Config{InsecureSkipVerify: true} }
`;

describe('language server over stdio', function () {
  this.timeout(60_000);
  let client: LspClient;
  let root: string;

  afterEach(async () => {
    await client?.shutdown();
  });

  async function start(files: Record<string, string>, options: { progress?: boolean; minimal?: boolean; initializationOptions?: unknown } = {}): Promise<void> {
    root = workspace(files);
    client = new LspClient();
    await client.initialize([root], options);
  }

  it('announces incremental sync and code actions including source.fixAll.readiness', async () => {
    await start({});
    // initialize already ran in start(); ask again through a second client to read the result
    const second = new LspClient();
    try {
      const result = await second.initialize([root]);
      assert.equal((result.capabilities.textDocumentSync as { change: number }).change, 2);
      const kinds = (result.capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
      assert.deepEqual(kinds, ['quickfix', 'source.fixAll', 'source.fixAll.readiness']);
      assert.equal(result.serverInfo?.name, 'readiness');
    } finally {
      await second.shutdown();
    }
  });

  it('publishes diagnostics on open with code, doc link, source and version', async () => {
    await start({});
    const uri = client.open(join(root, '.env'), ENV, 'dotenv', 7);
    const [diagnostic] = await client.diagnosticsFor(uri, 7);
    assert.deepEqual(
      { code: diagnostic!.code, source: diagnostic!.source, severity: diagnostic!.severity, href: diagnostic!.codeDescription?.href, range: diagnostic!.range },
      {
        code: 'tls-verification-disabled',
        source: 'readiness',
        severity: 1,
        href: 'https://github.com/readiness-dev/readiness/blob/main/docs/rules/tls-verification-disabled.md',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 30 } },
      },
    );
  });

  it("shows the workspace scan's findings for an opened file at once, only while its text is what the scan read", async () => {
    await start({ 'a/.env': ENV, 'b/.env': ENV });
    await client.waitFor('start scan', () => client.logs.find((log) => /scanned 2 of 2 files/.test(log)));
    const same = client.open(join(root, 'a', '.env'), ENV, 'dotenv', 3);
    const first = await client.waitFor('first publication for version 3', () => client.history.find((params) => params.uri === same && params.version === 3));
    assert.deepEqual(first.diagnostics.map((diagnostic) => diagnostic.code), ['tls-verification-disabled']);
    // Edited before it was opened: the scan's findings no longer describe it.
    const edited = client.open(join(root, 'b', '.env'), 'PORT=8080\n', 'dotenv', 5);
    const publications = () => client.history.filter((params) => params.uri === edited && params.version === 5);
    await client.waitFor('publication for version 5', () => publications()[0]);
    assert.deepEqual(publications().flatMap((params) => params.diagnostics), []);
  });

  it('edits a large scanned file function by function, starting from the findings of the scan', async () => {
    const units = Array.from({ length: 400 }, (_, i) => `// f${i} builds the TLS settings of upstream number ${i}.
func f${i}() *tls.Config {\n\treturn &tls.Config{InsecureSkipVerify: ${i % 2 === 0}}\n}\n`);
    const text = `package svc\n\nimport "crypto/tls"\n\n${units.join('\n')}`;
    assert.ok(text.length > 32 * 1024, 'large enough for partial analysis');
    await start({ 'big.go': text });
    await client.waitFor('start scan', () => client.logs.find((log) => /scanned 1 of 1 files/.test(log)));
    const uri = client.open(join(root, 'big.go'), text, 'go', 1);
    const before = await client.diagnosticsFor(uri, 1);
    assert.equal(before.length, 200);
    // Turn one secure config insecure: the return line of f101.
    const line = 4 + 101 * 5 + 2;
    const column = text.split('\n')[line]!.indexOf('false');
    client.change(uri, 2, [{ range: { start: { line, character: column }, end: { line, character: column + 5 } }, text: 'true' }]);
    const after = await client.diagnosticsFor(uri, 2);
    assert.equal(after.length, 201);
    assert.ok(after.some((diagnostic) => diagnostic.range.start.line === line), 'the new finding is reported at its line');
    // Lines after the edit keep their findings at the same places: the edit did not change line counts.
    assert.deepEqual(
      after.map((diagnostic) => diagnostic.range.start.line).filter((start) => start !== line),
      before.map((diagnostic) => diagnostic.range.start.line),
    );
  });

  it('re-analyses incremental changes and publishes only for the latest version', async () => {
    await start({});
    const uri = client.open(join(root, 'svc.go'), GO, 'go', 1);
    assert.equal((await client.diagnosticsFor(uri, 1)).length, 2);
    // Three quick edits: B's `true` → `false` in one character-range replacement each.
    const line = 6;
    const column = GO.split('\n')[line]!.indexOf('true');
    client.change(uri, 2, [{ range: { start: { line, character: column }, end: { line, character: column + 4 } }, text: 'fals' }]);
    client.change(uri, 3, [{ range: { start: { line, character: column + 4 }, end: { line, character: column + 4 } }, text: 'e' }]);
    client.change(uri, 4, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// Package svc.\n' }]);
    const diagnostics = await client.diagnosticsFor(uri, 4);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), [5], 'B is fixed, A moved down by the inserted line');
    const versions = client.history.filter((published) => published.uri === uri).map((published) => published.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `versions published in order: ${versions.join(',')}`);
    assert.ok(!versions.includes(2) || !versions.includes(3) || versions.indexOf(4) > versions.indexOf(3));
  });

  it('offers preferred quick fixes, fix-all for the rule, and suppressions; applying one clears the diagnostic', async () => {
    await start({});
    const path = join(root, 'svc.go');
    const uri = client.open(path, GO, 'go', 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const actions = await client.codeActions(uri, diagnostics[0]!.range, [diagnostics[0]!]);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred === true]),
      [
        ['Verify certificates (InsecureSkipVerify: false)', 'quickfix', true],
        ['Fix all tls-verification-disabled problems in this file', 'quickfix', false],
        ['Suppress tls-verification-disabled on this line', 'quickfix', false],
        ['Suppress tls-verification-disabled in this file', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0]!.diagnostics, [diagnostics[0]]);
    const fixedAll = applyWorkspaceEdit(GO, actions[1]!.edit);
    assert.equal(fixedAll, GO.replaceAll('InsecureSkipVerify: true', 'InsecureSkipVerify: false'));

    const suppressed = applyWorkspaceEdit(GO, actions[2]!.edit);
    client.change(uri, 2, [{ text: suppressed }]);
    assert.equal((await client.diagnosticsFor(uri, 2)).length, 1);

    const quickFixed = applyWorkspaceEdit(suppressed, (await client.codeActions(uri, (await client.diagnosticsFor(uri, 2))[0]!.range))[0]!.edit);
    client.change(uri, 3, [{ text: quickFixed }]);
    assert.deepEqual(await client.diagnosticsFor(uri, 3), []);
  });

  it('source.fixAll.readiness fixes every preferred fix in the file', async () => {
    await start({});
    const uri = client.open(join(root, 'svc.go'), GO, 'go', 1);
    await client.diagnosticsFor(uri, 1);
    const [action] = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.readiness']);
    assert.equal(action!.kind, 'source.fixAll.readiness');
    const edit = action!.edit!.documentChanges![0] as { textDocument: { version: number } };
    assert.equal(edit.textDocument.version, 1, 'the edit is versioned');
    assert.equal(applyWorkspaceEdit(GO, action!.edit), GO.replaceAll('InsecureSkipVerify: true', 'InsecureSkipVerify: false'));
  });

  it('scans the workspace on start with cancellable work-done progress', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`svc${i}/.env`] = ENV;
    await start(files);
    const uri = uriOf(join(root, 'svc7', '.env'));
    const diagnostics = await client.diagnosticsFor(uri);
    assert.equal(diagnostics[0]!.code, 'tls-verification-disabled');
    await client.waitFor('progress end', () => client.progress.some((event) => event.kind === 'end'));
    const begin = client.progress.find((event) => event.kind === 'begin') as { message?: string } & { cancellable?: boolean };
    assert.ok(begin, 'progress begins');
    assert.equal(begin.cancellable, true);
    assert.match(begin.message ?? '', /20 files/);
    await client.waitFor('every file scanned', () => [...client.diagnostics.keys()].length >= 20);
  });

  it('serves a client that declares no capabilities: scan, diagnostics and quick fixes', async () => {
    await start({ 'a/.env': ENV, 'b/.env': ENV }, { minimal: true });
    assert.equal((await client.diagnosticsFor(uriOf(join(root, 'b', '.env'))))[0]!.code, 'tls-verification-disabled');
    const uri = client.open(join(root, 'app.go'), 'package a\n\nimport "crypto/tls"\n\nvar c = &tls.Config{InsecureSkipVerify: true}\n', 'go');
    const [diagnostic] = await client.diagnosticsFor(uri, 1);
    const actions = await client.codeActions(uri, diagnostic!.range, [diagnostic!]);
    assert.ok(actions.some((action) => action.isPreferred), 'a preferred quick fix');
    assert.doesNotMatch(client.logs.join('\n'), /failed:/);
  });

  it('cancelling the scan stops it', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`svc${i}/.env`] = ENV;
    await start(files);
    const begin = await client.waitFor('progress begin', () => client.progress.find((event) => event.kind === 'begin'));
    void client.connection.sendNotification('window/workDoneProgress/cancel', { token: begin.token });
    await client.waitFor('scan cancelled log', () => client.logs.find((log) => /scan cancelled after \d+ of 400 files/.test(log)));
  });

  it('re-analyses files changed on disk and clears deleted ones', async () => {
    await start({ 'a/.env': 'PORT=1\n' });
    await client.waitFor('start scan', () => client.logs.find((log) => /scanned 1 of 1 files/.test(log)));
    const path = join(root, 'a', '.env');
    writeFileSync(path, ENV);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 2 }] });
    assert.equal((await client.waitFor('finding after change', () => client.diagnostics.get(uriOf(path))?.diagnostics.length)) , 1);
    rmSync(path);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(path), type: 3 }] });
    await client.waitFor('cleared after delete', () => client.diagnostics.get(uriOf(path))?.diagnostics.length === 0);
  });

  it('reports an invalid .readiness.json on the file by key and keeps the last valid configuration', async () => {
    await start({ '.readiness.json': '{ "rules": { "tls-verification-disabled": "off" } }' });
    const configPath = join(root, '.readiness.json');
    const uri = client.open(join(root, '.env'), ENV, 'dotenv', 1);
    assert.deepEqual(await client.diagnosticsFor(uri, 1), []);
    writeFileSync(configPath, '{ "rules": { "tls-verification-disabled": "loud" }, "colour": 1 }');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
    const configDiagnostics = await client.waitFor('config diagnostics', () => {
      const published = client.diagnostics.get(uriOf(configPath));
      return published && published.diagnostics.length > 0 ? published.diagnostics : undefined;
    });
    assert.deepEqual(configDiagnostics.map((d) => String(d.message).split('.')[0]), ['rules', 'colour: unknown key']);
    assert.match(String(configDiagnostics[0]!.message), /^rules\.tls-verification-disabled: must be one of/);
    assert.equal(configDiagnostics[1]!.range.start.character, 52);
    client.change(uri, 2, [{ text: ENV + '\n' }]);
    assert.deepEqual(await client.diagnosticsFor(uri, 2), [], 'the last valid configuration (rule off) stays in force');

    writeFileSync(configPath, '{}');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
    await client.waitFor('config diagnostics cleared', () => client.diagnostics.get(uriOf(configPath))?.diagnostics.length === 0);
    client.change(uri, 3, [{ text: ENV }]);
    assert.equal((await client.diagnosticsFor(uri, 3)).length, 1);
  });

  it('applies readiness.* settings over the file on didChangeConfiguration', async () => {
    await start({});
    const uri = client.open(join(root, '.env'), ENV, 'dotenv', 1);
    assert.equal((await client.diagnosticsFor(uri, 1))[0]!.severity, 1);
    client.settings = { rules: { 'tls-verification-disabled': 'hint' }, timeoutSeconds: null };
    const before = client.history.length;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const severity = await client.waitFor('hint severity', () =>
      client.history.slice(before).find((published) => published.uri === uri && published.diagnostics[0]?.severity === 4),
    );
    assert.ok(severity);
  });

  it('starts with the settings sent in initializationOptions, asking for them only when they change', async () => {
    root = workspace({});
    client = new LspClient();
    await client.initialize([root], { initializationOptions: { settings: { [uriOf(root)]: { rules: { 'tls-verification-disabled': 'hint' } } } } });
    const uri = client.open(join(root, '.env'), ENV, 'dotenv', 1);
    assert.equal((await client.diagnosticsFor(uri, 1))[0]!.severity, 4);
    assert.equal(client.configurationRequests, 0, 'no workspace/configuration request before the settings changed');
    // What the client now answers (its defaults) replaces what it sent at start.
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('error severity', () => client.history.find((published) => published.uri === uri && published.diagnostics[0]?.severity === 1));
    assert.ok(client.configurationRequests > 0);
  });

  it('ignores initializationOptions it does not know and asks for the settings instead', async () => {
    root = workspace({});
    client = new LspClient();
    client.settings = { rules: { 'tls-verification-disabled': 'hint' } };
    await client.initialize([root], { initializationOptions: { settings: ['not', 'a', 'map'] } });
    const uri = client.open(join(root, '.env'), ENV, 'dotenv', 1);
    assert.equal((await client.diagnosticsFor(uri, 1))[0]!.severity, 4);
    assert.ok(client.configurationRequests > 0);
  });

  it('keeps its scan going when a settings notification changes nothing, as clients send one on start', async () => {
    await start({ 'a/.env': ENV });
    await client.waitFor('the start-up scan', () => client.logs.some((line) => / scanned 1 of 1 files .*\(start\)/.test(line)));
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor('the unchanged configuration noticed', () => client.logs.some((line) => line.includes('settings changed: the configuration is unchanged')));
    assert.deepEqual(
      client.logs.filter((line) => /scanned|scan cancelled/.test(line)).map((line) => line.replace(/^.*: /, '').replace(/ in \d+ ms/, '')),
      ['scanned 1 of 1 files (start)'],
    );
  });

  it('serves several workspace folders, each with its own configuration', async () => {
    const first = workspace({ '.env': ENV });
    const second = workspace({ '.env': ENV, '.readiness.json': '{ "rules": { "tls-verification-disabled": "warning" } }' });
    client = new LspClient();
    await client.initialize([first, second]);
    const severityOf = async (folder: string): Promise<number | undefined> => (await client.diagnosticsFor(uriOf(join(folder, '.env'))))[0]?.severity;
    assert.equal(await severityOf(first), 1);
    assert.equal(await severityOf(second), 2);
  });

  it('answers requests while a large workspace scan runs', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`svc${i}/client.go`] = GO;
    await start(files);
    await client.waitFor('progress begin', () => client.progress.find((event) => event.kind === 'begin'));
    const started = Date.now();
    const uri = client.open(join(root, 'edited.go'), GO, 'go', 1);
    await client.diagnosticsFor(uri, 1);
    const latency = Date.now() - started;
    console.log(`      (diagnostics for the edited file during the scan: ${latency} ms)`);
  });
});
