import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from '../support/cli';
import { LspClient, uriOf } from '../support/lsp-client';

describe('language server: the scan-workspace command', function () {
  this.timeout(60_000);
  let client: LspClient | undefined;

  afterEach(async () => {
    await client?.shutdown();
    client = undefined;
  });

  it('announces readiness.scanWorkspace and answers once a fresh scan has published what changed on disk', async () => {
    const root = workspace({ 'a/.env': 'PORT=1\n' });
    client = new LspClient();
    const result = await client.initialize([root]);
    assert.deepEqual(result.capabilities.executeCommandProvider?.commands, ['readiness.scanWorkspace']);
    const started = client;
    await started.waitFor('start scan', () => started.logs.find((log) => /scanned 1 of 1 files/.test(log)));
    const path = join(root, 'a', '.env');
    // Changed without telling the server: only a scan can find it.
    writeFileSync(path, 'NODE_TLS_REJECT_UNAUTHORIZED=0\n');
    assert.equal(await started.connection.sendRequest('workspace/executeCommand', { command: 'readiness.scanWorkspace', arguments: [] }), null);
    assert.equal(started.diagnostics.get(uriOf(path))?.diagnostics[0]?.code, 'tls-verification-disabled');
    assert.ok(started.logs.some((log) => /scanned 1 of 1 files in \d+ ms \(scan requested\)/.test(log)));
  });

  it('refuses an unknown command without failing the server', async () => {
    client = new LspClient();
    await client.initialize([workspace({})]);
    assert.equal(await client.connection.sendRequest('workspace/executeCommand', { command: 'readiness.nope', arguments: [] }), null);
    const started = client;
    await started.waitFor('failure logged', () => started.logs.find((log) => /executeCommand failed: Error: unknown command readiness\.nope/.test(log)));
  });
});
