import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths';

/**
 * A real VS Code for the end-to-end tests: code-server (installed by
 * `scripts/install-code-server.sh`, outside package.json) with the packaged `.vsix` installed,
 * driven through Debian's Chromium by playwright-core. Everything it writes — settings, extensions,
 * caches, the workspace copy — lives in one temporary directory.
 */

export const CODE_SERVER_DIR = process.env.READINESS_CODE_SERVER_DIR ?? join(REPO_ROOT, '.cache', 'code-server');
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.READINESS_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL_HINT = 'apt-get install -y build-essential libkrb5-dev ripgrep chromium && npm run install-code-server';

/** The user settings of the test editor: no start page, tips or update checks between the test and the UI. */
const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'editor.lightbulb.enabled': 'on',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface Editor {
  page: Page;
  /** The copy of the workspace the editor has open. */
  workspace: string;
  /** What code-server printed, for failure messages. */
  log(): string;
  /** The Readiness output channel (the language server's log), for failure messages. */
  extensionLog(): string;
  /** The log of every extension host so far (a window reload starts a new one), oldest first. */
  extensionHostLogs(): string[];
  close(): Promise<void>;
}

/**
 * Installs code-server into the cache on first use (from the npm registry, about a minute), so a
 * fresh clone's `npm test` runs the editor tests too; fails with the command that fixes it when
 * that is not possible (the Debian packages are missing) or Chromium is missing.
 */
export function requireEditorTools(): void {
  if (!existsSync(CODE_SERVER_BIN)) {
    console.log(`      code-server is not in ${CODE_SERVER_DIR} yet: installing it (scripts/install-code-server.sh)…`);
    const install = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'install-code-server.sh')], { cwd: REPO_ROOT, stdio: 'inherit', timeout: 10 * 60_000 });
    if (install.status !== 0 || !existsSync(CODE_SERVER_BIN)) {
      throw new Error(`code-server is not installed in ${CODE_SERVER_DIR} and installing it failed; the editor tests need it. Install it with:\n    ${INSTALL_HINT}`);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}; the editor tests need it. Install it with:\n    ${INSTALL_HINT}`);
}

/** `npm run package`: the bundles and the `.vsix`, built from the sources under test. */
export function packageExtension(): string {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return join(REPO_ROOT, `readiness-${version}.vsix`);
}

/** Every `Readiness.log` the extension host wrote (one per session and extension host) under `logs/`. */
function readExtensionLogs(logs: string): string {
  if (!existsSync(logs)) return '';
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('Readiness.log'))
    .map((path) => readFileSync(join(logs, path), 'utf8'))
    .join('\n');
}

/** `remoteexthost.log` of each extension host, by session and then host number: `<session>/exthost<n>/`. */
function readExtensionHostLogs(logs: string): string[] {
  if (!existsSync(logs)) return [];
  const order = (path: string): [string, number] => [path.split('/')[0] ?? '', Number(/exthost(\d+)/.exec(path)?.[1] ?? 0)];
  return readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('remoteexthost.log'))
    .sort((a, b) => {
      const [sessionA, hostA] = order(a);
      const [sessionB, hostB] = order(b);
      return sessionA.localeCompare(sessionB) || hostA - hostB;
    })
    .map((path) => readFileSync(join(logs, path), 'utf8'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, log: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${ms} ms:\n${log()}`);
}

/** Installs the `.vsix` into a fresh code-server, opens a copy of `sourceWorkspace` in Chromium. */
export async function startEditor(vsix: string, sourceWorkspace: string, settings: Record<string, unknown> = {}): Promise<Editor> {
  requireEditorTools();
  const base = mkdtempSync(join(tmpdir(), 'readiness-e2e-'));
  const dirs = {
    userData: join(base, 'data'),
    extensions: join(base, 'extensions'),
    home: join(base, 'home'),
    tmp: join(base, 'tmp'),
    workspace: join(base, 'workspace'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  cpSync(sourceWorkspace, dirs.workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...settings }, null, 2));
  const config = join(base, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  // code-server writes to XDG directories and the temp dir; they all stay inside `base`.
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.home, '.config'),
    XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
    XDG_CACHE_HOME: join(dirs.home, '.cache'),
    XDG_STATE_HOME: join(dirs.home, '.local', 'state'),
    TMPDIR: dirs.tmp,
  };
  const common = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--config', config];
  const install = spawnSync(CODE_SERVER_BIN, ['--install-extension', vsix, ...common], { env, encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0 || !/was successfully installed/.test(install.stdout)) {
    throw new Error(`code-server --install-extension ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
  }

  const port = await freePort();
  let output = '';
  const server = spawn(
    CODE_SERVER_BIN,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ...common, dirs.workspace],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const log = (): string => output;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          server.kill('SIGKILL');
          resolve(undefined);
        }, 5_000);
        server.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    // The extension host's children (the language server) notice within seconds that it has gone.
    rmSync(base, { recursive: true, force: true, maxRetries: 10, retryDelay: 500 });
  };
  try {
    await waitForHealth(`http://127.0.0.1:${port}/healthz`, server, log);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const extensionLog = (): string => readExtensionLogs(join(dirs.userData, 'logs'));
    const extensionHostLogs = (): string[] => readExtensionHostLogs(join(dirs.userData, 'logs'));
    return { page, workspace: dirs.workspace, log, extensionLog, extensionHostLogs, close };
  } catch (error) {
    await close();
    throw error;
  }
}
