/**
 * `npm run test:electron`: the extension tests inside a real VS Code (Electron) downloaded by
 * @vscode/test-electron, for machines that have network access to update.code.visualstudio.com
 * or a VS Code of their own (READINESS_VSCODE_EXECUTABLE). Not part of `npm test`: the gate runs the
 * same extension in code-server (test/e2e). Fails loudly when no VS Code can be had.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../support/paths';

async function main(): Promise<number> {
  let vscodeExecutablePath = process.env.READINESS_VSCODE_EXECUTABLE;
  if (!vscodeExecutablePath) {
    try {
      vscodeExecutablePath = await downloadAndUnzipVSCode({ version: 'stable', timeout: 60_000 });
    } catch (error) {
      console.error(
        [
          '',
          '!!! test:electron: cannot download VS Code, so these tests did NOT run.',
          `!!! ${error instanceof Error ? error.message : String(error)}`,
          '!!! They need network access to update.code.visualstudio.com, or READINESS_VSCODE_EXECUTABLE',
          '!!! naming an installed VS Code. `npm test -- e2e` runs the extension in code-server instead.',
          '',
        ].join('\n'),
      );
      return 1;
    }
  }
  const workspace = join(mkdtempSync(join(tmpdir(), 'readiness-electron-')), 'examples');
  cpSync(join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  return runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: join(__dirname, 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:electron failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
