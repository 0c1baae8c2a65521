import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { Engine } from '../engine/engine';
import type { ResolvedConfig } from '../config/types';
import { SourceDocument } from '../engine/document';
import { textHash } from '../engine/fingerprint';
import type { FileNote, Finding } from '../engine/finding';
import { fixAll } from '../engine/fix-all';
import { RULES } from '../rules';
import { grammarFiles } from '../workspace/grammar-files';
import { packageVersion } from '../workspace/package-files';
import { WorkerPool } from '../workspace/pool';
import { collectFiles, PathFilter, toPosix } from '../workspace/walk';
import { CONFIG_FILE_NAME, findWorkspaceRoot } from '../workspace/config-file';
import { OpenDocument } from './documents';
import { FolderState } from './folders';
import { ChecklistService, type ScanHandover } from './checklist';
import { factsOf } from '../workspace/checklist';
import type { FileFacts } from '../checklist/types';
import {
  CHECKLIST_CHANGED_NOTIFICATION,
  CHECKLIST_REQUEST,
  REPORT_REQUEST,
  SET_CHECKLIST_ITEM_REQUEST,
  type ChecklistChangedParams,
  type ChecklistParams,
  type ChecklistResult,
  type ReportParams,
  type ReportResult,
  type SetChecklistItemParams,
  type SetChecklistItemResult,
} from './checklist-protocol';
import { mergeRegionFindings } from './partial';
import { WarmUp } from './warm-up';
import { codeAction, configErrorDiagnostic, fixAction, FIX_ALL_KIND, minimalEdit, toDiagnostic, toLspEdits } from './convert';

/** Pause after the last keystroke before re-analysing: short, since analysis of one file is fast. */
const DEBOUNCE_MS = 8;
/** Buffers from this size on are re-analysed function by function while typing (see `AnalyzeInput.dirty`). */
const PARTIAL_ANALYSIS_MIN_CHARS = 32 * 1024;
/** Pause in typing after which a partially analysed buffer gets its whole-file pass. */
const WHOLE_PASS_DELAY_MS = 400;
/** At start, how long the workspace scan waits for the open files' first diagnostics. */
const FIRST_DIAGNOSTICS_WAIT_MS = 1000;
/** Progress notifications during a scan are throttled to this interval. */
const PROGRESS_INTERVAL_MS = 200;

/** `workspace/executeCommand`: re-read the configuration and scan every folder; answers when done. */
export const SCAN_WORKSPACE_COMMAND = 'readiness.scanWorkspace';

/** File extensions of sources Readiness reads, for the file watcher. */
const WATCHED_GLOB = '**/{*.rs,*.go,*.ts,*.tsx,*.mts,*.cts,*.js,*.jsx,*.mjs,*.cjs,*.py,*.pyi,*.toml,*.yaml,*.yml,*.json,*.jsonc,.env,.env.*,*.env}';

/** Other files the workspace checklist reads (Dockerfiles, ignore files, docs, lockfiles, manual ticks). */
const CHECKLIST_WATCHED_GLOB =
  '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Containerfile.*,.dockerignore,.gitignore,*.md,*.markdown,go.mod,go.sum,*.lock,*.lockb,pnpm-lock.yaml,CODEOWNERS,requirements*.txt,Pipfile,*.sql,*.ini,*.hcl,.renovaterc,.renovaterc.json,renovate.json5,Jenkinsfile,checklist-state.json}';

/** For buffers without a file name (untitled), the language id decides the grammar. */
const EXTENSION_FOR_LANGUAGE: Record<string, string> = {
  rust: '.rs', go: '.go', typescript: '.ts', typescriptreact: '.tsx', javascript: '.js', javascriptreact: '.jsx',
  python: '.py', toml: '.toml', yaml: '.yaml', dockercompose: '.yaml', json: '.json', jsonc: '.json', dotenv: '.env',
};

interface Capabilities {
  workDoneProgress: boolean;
  workspaceFolders: boolean;
  configuration: boolean;
  watchedFilesRegistration: boolean;
  configurationRegistration: boolean;
}

export class ReadinessServer {
  private enginePromise: Promise<Engine> | undefined;
  private engine: Engine | undefined;
  private pool: WorkerPool | undefined;
  private warmUp: WarmUp | undefined;
  private firstPublished = false;
  /** Milliseconds since the process started at each step towards the first diagnostics, for the log. */
  private readonly startup: Partial<Record<'node' | 'listen' | 'initialize' | 'engine' | 'initialized' | 'opened' | 'configured', number>> = {};
  private readonly documents = new Map<string, OpenDocument>();
  private readonly languageIds = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly wholePassTimers = new Map<string, NodeJS.Timeout>();
  private folders: FolderState[] = [];
  /** Folders for files opened outside every workspace folder, by root. */
  private readonly looseFolders = new Map<string, FolderState>();
  /** Files whose diagnostics came from a disk scan, so they can be cleared. */
  private readonly diskDiagnostics = new Set<string>();
  /**
   * What the last scan found in each file on disk, by the hash of the text it read: a buffer opened
   * with the same text gets these diagnostics at once, before its own parse and analysis finish.
   */
  private readonly diskResults = new Map<string, { hash: string; findings: readonly Finding[] }>();
  private readonly scanGeneration = new Map<FolderState, number>();
  private capabilities: Capabilities = { workDoneProgress: false, workspaceFolders: false, configuration: false, watchedFilesRegistration: false, configurationRegistration: false };
  private shuttingDown = false;
  private readonly folderNames = new Map<string, string>();
  private readonly checklists = new ChecklistService(
    () => this.workerPool(),
    (folder) => void this.connection.sendNotification(CHECKLIST_CHANGED_NOTIFICATION, { folderUri: folder.uri } satisfies ChecklistChangedParams),
    (message) => this.connection.console.info(message),
  );
  /** Settles once the first configurations are loaded; analyses wait for it so they never use defaults by mistake. */
  private readonly configured: Promise<void>;
  private markConfigured!: () => void;
  private isConfigured = false;
  /**
   * The `readiness` settings section of each workspace folder, as the client sent them with
   * `initialize` (see `startupSettings`): the first configuration needs no round trip to the client.
   */
  private startupSettings: Map<string, unknown> | undefined;

  constructor(private readonly connection: Connection) {
    this.configured = new Promise((resolve) => {
      this.markConfigured = () => {
        this.isConfigured = true;
        resolve();
      };
    });
  }

  listen(): void {
    // Node's own start, then the bundle's loading, end here.
    this.startup.node = Math.round(performance.nodeTiming.bootstrapComplete);
    this.startup.listen = Math.round(performance.now());
    const c = this.connection;
    // The grammars load while the client and the server shake hands.
    this.enginePromise = Engine.create(grammarFiles(), RULES).then((engine) => {
      this.startup.engine = Math.round(performance.now());
      this.warmUp = new WarmUp(engine, () => this.timers.size > 0, (error) => this.connection.console.warn(`warm-up: ${error}`));
      return (this.engine = engine);
    });
    // A failure is reported where the engine is awaited.
    this.enginePromise.catch(() => undefined);
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.safely('initialized', () => this.initialized()));
    c.onDidOpenTextDocument(({ textDocument }) =>
      this.safely('didOpen', () => {
        this.startup.opened ??= Math.round(performance.now());
        const document = new OpenDocument(textDocument.uri, textDocument.text, textDocument.version);
        this.documents.set(textDocument.uri, document);
        this.languageIds.set(textDocument.uri, textDocument.languageId);
        if (!this.openScanned(document)) this.schedule(document, 0);
      }),
    );
    c.onDidChangeTextDocument(({ textDocument, contentChanges }) =>
      this.safely('didChange', () => {
        const document = this.documents.get(textDocument.uri);
        if (!document) return;
        document.applyChanges(contentChanges, textDocument.version ?? document.version + 1);
        this.schedule(document, DEBOUNCE_MS);
      }),
    );
    c.onDidCloseTextDocument(({ textDocument }) =>
      this.safely('didClose', () => {
        const document = this.documents.get(textDocument.uri);
        clearTimeout(this.timers.get(textDocument.uri));
        this.timers.delete(textDocument.uri);
        clearTimeout(this.wholePassTimers.get(textDocument.uri));
        this.wholePassTimers.delete(textDocument.uri);
        this.documents.delete(textDocument.uri);
        this.languageIds.delete(textDocument.uri);
        document?.dropTree();
        // The file on disk is what matters once the buffer is gone.
        void this.analyzeFromDisk(textDocument.uri);
      }),
    );
    c.onCodeAction((params) => this.safelyReturn('codeAction', [], () => this.codeActions(params)));
    c.onExecuteCommand(({ command }) =>
      this.safelyReturn('executeCommand', null, async () => {
        if (command !== SCAN_WORKSPACE_COMMAND) throw new Error(`unknown command ${command}`);
        await this.configured;
        await this.reloadEverything('scan requested');
        return null;
      }),
    );
    c.onRequest(CHECKLIST_REQUEST, (params: ChecklistParams | undefined) => this.safelyReturn<ChecklistResult>('checklist', { folders: [] }, () => this.checklistRequest(params ?? {})));
    c.onRequest(SET_CHECKLIST_ITEM_REQUEST, (params: SetChecklistItemParams) =>
      this.safelyReturn<SetChecklistItemResult>('setChecklistItem', { ok: false, message: 'the server failed to set the item; see its log' }, () => this.setChecklistItem(params)),
    );
    c.onRequest(REPORT_REQUEST, (params: ReportParams | undefined) => this.safelyReturn<ReportResult>('report', { markdown: '' }, () => this.reportRequest(params ?? {})));
    c.onDidChangeWatchedFiles(({ changes }) =>
      this.safely('didChangeWatchedFiles', () => {
        for (const change of changes) this.fileChanged(change.uri, change.type);
      }),
    );
    // After the start-up configuration has loaded: compared with it, the notification a client sends
    // as it starts changes nothing.
    c.onDidChangeConfiguration(() => this.safely('didChangeConfiguration', () => void this.configured.then(() => this.reloadEverything('settings changed', true))));
    c.onShutdown(async () => {
      this.shuttingDown = true;
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.warmUp?.dispose();
      await this.pool?.close();
    });
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.startup.initialize = Math.round(performance.now());
    const capabilities = params.capabilities;
    this.capabilities = {
      workDoneProgress: capabilities.window?.workDoneProgress === true,
      configuration: capabilities.workspace?.configuration === true,
      watchedFilesRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
      configurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
      workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    };
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: basename(fileURLToPath(params.rootUri)) }] : []);
    for (const folder of folders) this.folderNames.set(folder.uri, folder.name);
    this.startupSettings = startupSettings(params.initializationOptions);
    this.folders = folders.filter((folder) => folder.uri.startsWith('file:')).map((folder) => new FolderState(folder.uri, fileURLToPath(folder.uri)));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [SCAN_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'readiness', version: packageVersion() },
    };
  }

  private watchWorkspaceFolders(): void {
    this.connection.workspace.onDidChangeWorkspaceFolders((event) =>
      this.safely('didChangeWorkspaceFolders', async () => {
        for (const removed of event.removed) {
          const folder = this.folders.find((candidate) => candidate.uri === removed.uri);
          if (!folder) continue;
          this.folders = this.folders.filter((candidate) => candidate !== folder);
          this.checklists.forget(folder);
          this.scanGeneration.set(folder, (this.scanGeneration.get(folder) ?? 0) + 1);
          for (const uri of [...this.diskDiagnostics]) {
            if (this.isInside(folder.root, fileURLToPath(uri))) this.clearDiskDiagnostics(uri);
          }
        }
        for (const folder of event.added) this.folderNames.set(folder.uri, folder.name);
        const added = event.added.filter((folder) => folder.uri.startsWith('file:')).map((folder) => new FolderState(folder.uri, fileURLToPath(folder.uri)));
        this.folders.push(...added);
        for (const folder of added) {
          await this.loadConfig(folder);
          void this.scanFolder(folder, 'folder added');
        }
      }),
    );
  }

  private async initialized(): Promise<void> {
    this.startup.initialized = Math.round(performance.now());
    this.connection.console.info(`initialized ${this.startup.initialized} ms after the server started`);
    // Registered without waiting for the answers: the requests go out first, and the open files'
    // first diagnostics need only the configuration.
    const registrations: Array<Promise<unknown>> = [];
    if (this.capabilities.watchedFilesRegistration) {
      registrations.push(
        this.connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: WATCHED_GLOB }, { globPattern: `**/${CONFIG_FILE_NAME}` }, { globPattern: CHECKLIST_WATCHED_GLOB }],
        }),
      );
    }
    if (this.capabilities.configurationRegistration) {
      registrations.push(this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'readiness' }));
    }
    const registered = Promise.all(registrations);
    registered.catch(() => undefined);
    // Asking for folder changes from a client that cannot send them throws.
    if (this.capabilities.workspaceFolders) this.watchWorkspaceFolders();
    await this.enginePromise;
    try {
      await this.reloadEverything('start');
    } finally {
      this.markConfigured();
    }
    await registered;
  }

  // ── configuration ────────────────────────────────────────────────────────────────────────────

  private async loadConfig(folder: FolderState): Promise<void> {
    const load = folder.reloadFile();
    const configUri = pathToFileURL(folder.configFile).href;
    const diagnostics = load.errors.map((error) => configErrorDiagnostic(error, load.text));
    for (const error of load.errors) this.connection.console.warn(`${error.file}: ${error.key ? `${error.key}: ` : ''}${error.message}`);
    void this.connection.sendDiagnostics({ uri: configUri, diagnostics });
    const settings = await this.settingsOf(folder);
    if (settings) {
      const settingErrors = folder.applySettings(settings.section);
      for (const error of settingErrors) {
        this.connection.console.warn(`settings: ${error.key}: ${error.message}; the readiness.* settings are ignored until fixed`);
      }
      if (settingErrors.length > 0) {
        void this.connection.window.showWarningMessage(`Readiness: invalid setting readiness.${settingErrors[0]!.key}: ${settingErrors[0]!.message}`);
      }
    }
  }

  /**
   * A folder's `readiness` settings section: the one sent with `initialize` for the first load, else
   * the client's answer; undefined from a client that has no settings to give.
   */
  private async settingsOf(folder: FolderState): Promise<{ section: unknown } | undefined> {
    if (!this.isConfigured && this.startupSettings?.has(folder.uri)) return { section: this.startupSettings.get(folder.uri) };
    if (!this.capabilities.configuration) return undefined;
    const [section] = (await this.connection.workspace.getConfiguration([{ scopeUri: folder.uri, section: 'readiness' }])) as unknown[];
    return { section };
  }

  /**
   * Reloads every folder's configuration and re-analyses everything. A settings notification that
   * changes nothing (clients send one as they start) leaves the scan under way alone.
   */
  private async reloadEverything(reason: string, onlyIfChanged = false): Promise<void> {
    const folders = [...this.folders, ...this.looseFolders.values()];
    const before = folders.map((folder) => JSON.stringify(folder.config));
    for (const folder of folders) await this.loadConfig(folder);
    if (onlyIfChanged && folders.every((folder, index) => JSON.stringify(folder.config) === before[index])) {
      this.connection.console.info(`${reason}: the configuration is unchanged`);
      return;
    }
    for (const folder of this.folders) this.checklists.configChanged(folder);
    // Before the first configuration no analysis has run: those scheduled wait for it, so nothing is redone.
    const first = !this.isConfigured;
    if (first) this.startup.configured = Math.round(performance.now());
    this.markConfigured();
    if (!first) {
      for (const document of this.documents.values()) {
        document.invalidate();
        this.schedule(document, 0);
      }
    }
    await Promise.all(this.folders.map((folder) => this.scanFolder(folder, reason, first)));
  }

  /** Resolves once every open document has been analysed at least once, or after `ms`. */
  private async openDocumentsAnalysed(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    const waiting = (): boolean => [...this.documents.values()].some((document) => document.analyzedVersion === -1);
    while (waiting() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private folderFor(path: string): FolderState {
    const containing = this.folders.filter((folder) => this.isInside(folder.root, path)).sort((a, b) => b.root.length - a.root.length);
    if (containing[0]) return containing[0];
    const { root } = findWorkspaceRoot(path);
    let loose = this.looseFolders.get(root);
    if (!loose) {
      loose = new FolderState(pathToFileURL(root).href, root);
      loose.reloadFile();
      this.looseFolders.set(root, loose);
    }
    return loose;
  }

  private isInside(root: string, path: string): boolean {
    const rel = relative(root, path);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  }

  // ── open documents ───────────────────────────────────────────────────────────────────────────

  private schedule(document: OpenDocument, delay: number): void {
    clearTimeout(this.timers.get(document.uri));
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.safely('analyze', () => this.analyzeOpen(document));
      }, delay),
    );
  }

  /** Where an open document lives: its path, workspace folder and workspace-relative path. */
  private locate(uri: string): { path: string; folder: FolderState; relativePath: string } | undefined {
    if (uri.startsWith('file:')) {
      const path = fileURLToPath(uri);
      const folder = this.folderFor(path);
      return { path, folder, relativePath: toPosix(relative(folder.root, path)) };
    }
    const extension = EXTENSION_FOR_LANGUAGE[this.languageIds.get(uri) ?? ''];
    if (!extension) return undefined;
    const folder = this.folders[0] ?? this.folderFor(process.cwd());
    return { path: uri, folder, relativePath: `untitled${extension}` };
  }

  private async analyzeOpen(document: OpenDocument): Promise<void> {
    if (this.documents.get(document.uri) !== document) return;
    await this.configured;
    const engine = this.engine ?? (await this.enginePromise);
    if (!engine || this.documents.get(document.uri) !== document) return;
    const version = document.version;
    const where = this.locate(document.uri);
    const config = where?.folder.config;
    if (!where || !config || new PathFilter(config).isExcludedFile(where.relativePath) || document.text.length > config.maxFileBytes) {
      document.analyzed([], version, false);
      document.dropTree();
      this.publish(document.uri, [], version);
      return;
    }
    // Large buffers re-analyse only the functions around the edits; a whole pass follows off the main thread.
    const dirty = document.text.length >= PARTIAL_ANALYSIS_MIN_CHARS && document.tree && document.dirty?.length ? document.dirty : undefined;
    let result;
    try {
      result = engine.analyze({
        path: document.uri,
        relativePath: where.relativePath,
        text: document.text,
        config,
        previousTree: document.tree,
        keepTree: true,
        ...(dirty ? { dirty } : {}),
      });
    } catch (error) {
      // The edited tree may be inconsistent after a failure: parse from scratch next time.
      document.dropTree();
      document.invalidate();
      throw error;
    }
    if (engine.poisoned) {
      // WebAssembly aborted and its memory is unusable for the rest of this process. Exiting
      // non-zero lets the client restart a clean server instead of serving wrong results.
      this.connection.console.error(`readiness: the parser aborted on ${document.uri}; restarting the server`);
      process.exit(3);
    }
    document.replaceTree(result.tree);
    this.log(result.notes);
    const regions = result.regions;
    const findings = regions ? mergeRegionFindings(document, result.findings, regions) : result.findings;
    document.analyzed(findings, version, regions !== undefined);
    // A newer version arrived meanwhile: its own analysis will publish.
    if (document.version !== version) return;
    this.diskDiagnostics.delete(document.uri);
    this.publish(
      document.uri,
      findings.map((finding) => toDiagnostic(finding, version)),
      version,
    );
    if (regions) this.scheduleWholePass(document, where.relativePath, config);
  }

  /**
   * A buffer opened with the text the workspace scan analysed shows that scan's findings at once,
   * and then only needs its parse tree for the edits to come: the analysis is already done.
   */
  private openScanned(document: OpenDocument): boolean {
    const scanned = this.diskResults.get(document.uri);
    if (!scanned || scanned.hash !== textHash(document.text)) return false;
    const version = document.version;
    const sent = this.publish(
      document.uri,
      scanned.findings.map((finding) => toDiagnostic(finding, version)),
      version,
    );
    // The findings move with later edits, so the document gets its own copy.
    document.analyzed(structuredClone([...scanned.findings]), version, false);
    const parse = (): void =>
      this.safely('parse', () => {
        const engine = this.engine;
        const language = engine?.languageFor(this.locate(document.uri)?.relativePath ?? '');
        if (!engine || !language?.grammar || this.documents.get(document.uri) !== document || document.tree) return;
        if (document.version !== version) return this.schedule(document, 0);
        document.replaceTree(engine.parse(language.id, document.text));
      });
    // Only once the diagnostics are written: a large publication goes out in several writes, and
    // the parse would hold the rest back (about 180 ms for 500 diagnostics of a 10,000-line file).
    sent.then(
      () => setImmediate(parse),
      () => undefined,
    );
    return true;
  }

  /**
   * After a partial analysis, the whole file is analysed on a worker once typing pauses, so
   * effects across functions (a client configured in one, used in another) are never lost.
   */
  private scheduleWholePass(document: OpenDocument, relativePath: string, config: ResolvedConfig): void {
    clearTimeout(this.wholePassTimers.get(document.uri));
    this.wholePassTimers.set(
      document.uri,
      setTimeout(() => {
        this.wholePassTimers.delete(document.uri);
        this.safely('whole-file analysis', async () => {
          const version = document.version;
          if (!document.partial || document.analyzedVersion !== version) return;
          const outcome = await this.workerPool().analyze(
            { absolutePath: document.uri, relativePath, displayPath: document.uri, fix: 'none', text: document.text },
            config,
            { urgent: true },
          );
          if (this.documents.get(document.uri) !== document || document.version !== version || !document.partial) return;
          document.analyzed(outcome.findings, version, false);
          this.publish(
            document.uri,
            outcome.findings.map((finding) => toDiagnostic(finding, version)),
            version,
          );
        });
      }, WHOLE_PASS_DELAY_MS),
    );
  }

  /** Settles once the notification is written. */
  private publish(uri: string, diagnostics: Diagnostic[], version?: number): Promise<void> {
    if (version !== undefined && !this.firstPublished) {
      this.firstPublished = true;
      const steps = Object.entries(this.startup).map(([step, ms]) => `${step} ${ms}`);
      const started = new Date(performance.timeOrigin).toISOString();
      this.connection.console.info(`first diagnostics of an open file ${Math.round(performance.now())} ms after the server started at ${started} (ms: ${steps.join(', ')})`);
    }
    return this.connection.sendDiagnostics(version === undefined ? { uri, diagnostics } : { uri, version, diagnostics });
  }

  private log(notes: readonly FileNote[]): void {
    for (const note of notes) this.connection.console.info(`${note.path}: ${note.kind === 'skipped' ? 'skipped' : 'note'} (${note.reason}): ${note.message}`);
  }

  // ── code actions ─────────────────────────────────────────────────────────────────────────────

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const document = this.documents.get(params.textDocument.uri);
    if (!document) return [];
    if (document.analyzedVersion !== document.version) {
      clearTimeout(this.timers.get(document.uri));
      await this.analyzeOpen(document);
    }
    const engine = this.engine;
    const where = this.locate(document.uri);
    if (!engine || !where) return [];
    const source = new SourceDocument(document.uri, document.text);
    const { uri } = params.textDocument;
    const version = document.version;
    const only = params.context.only;
    const wantsFixAll = only?.some((kind) => kind === CodeActionKind.SourceFixAll || kind === FIX_ALL_KIND || kind === CodeActionKind.Source) ?? false;
    const analyze = (text: string): Finding[] =>
      engine.analyze({ path: uri, relativePath: where.relativePath, text, config: where.folder.config }).findings;

    const fixAllOf = (title: string, kind: string, include: (finding: Finding) => boolean): CodeAction | undefined => {
      const result = fixAll(document.text, analyze, include);
      if (result.applied === 0) return undefined;
      return codeAction(title, kind, uri, version, toLspEdits(source, [minimalEdit(document.text, result.text)]));
    };

    if (wantsFixAll) {
      const action = fixAllOf('Fix all Readiness problems', FIX_ALL_KIND, () => true);
      return action ? [action] : [];
    }
    if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || kind.startsWith(`${CodeActionKind.QuickFix}.`))) return [];

    const start = source.offsetAt(params.range.start);
    const end = source.offsetAt(params.range.end);
    const touched = document.findings.filter((finding) => finding.start <= end && finding.end >= start);
    const actions: CodeAction[] = [];
    const suppressions: CodeAction[] = [];
    for (const finding of touched) {
      const diagnostic = params.context.diagnostics.find((candidate) => candidate.code === finding.ruleId && candidate.range.start.line === finding.range.start.line);
      for (const fix of finding.fixes) {
        (fix.kind === 'suppress' ? suppressions : actions).push(fixAction(source, uri, version, fix, diagnostic ?? toDiagnostic(finding, version)));
      }
    }
    for (const ruleId of new Set(touched.map((finding) => finding.ruleId))) {
      const fixable = document.findings.filter((finding) => finding.ruleId === ruleId && finding.fixes.some((fix) => fix.isPreferred && fix.kind !== 'suppress'));
      if (fixable.length < 2) continue;
      const action = fixAllOf(`Fix all ${ruleId} problems in this file`, CodeActionKind.QuickFix, (finding) => finding.ruleId === ruleId);
      if (action) actions.push(action);
    }
    return [...actions, ...dedupeByTitle(suppressions)];
  }

  // ── files on disk ────────────────────────────────────────────────────────────────────────────

  private workerPool(): WorkerPool {
    // One core stays free for the document being edited.
    this.pool ??= new WorkerPool(Math.max(1, availableParallelism() - 1));
    return this.pool;
  }

  private fileChanged(uri: string, type: FileChangeType): void {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    for (const folder of this.folders) if (this.isInside(folder.root, path)) this.checklists.fileChanged(folder, uri, type);
    if (basename(path) === CONFIG_FILE_NAME) {
      const folder = [...this.folders, ...this.looseFolders.values()].find((candidate) => candidate.configFile === path);
      if (folder) {
        void this.loadConfig(folder).then(() => {
          this.checklists.configChanged(folder);
          for (const document of this.documents.values()) {
            document.invalidate();
            this.schedule(document, 0);
          }
          return this.scanFolder(folder, `${CONFIG_FILE_NAME} changed`);
        });
      }
      return;
    }
    if (this.documents.has(uri)) return;
    if (type === FileChangeType.Deleted) this.clearDiskDiagnostics(uri);
    else void this.analyzeFromDisk(uri);
  }

  private clearDiskDiagnostics(uri: string): void {
    this.diskDiagnostics.delete(uri);
    this.diskResults.delete(uri);
    this.publish(uri, []);
  }

  private async analyzeFromDisk(uri: string): Promise<void> {
    if (!uri.startsWith('file:')) return;
    const path = fileURLToPath(uri);
    const folder = this.folderFor(path);
    const relativePath = toPosix(relative(folder.root, path));
    if (!existsSync(path) || new PathFilter(folder.config).isExcludedFile(relativePath) || !this.engine?.languageFor(relativePath)) {
      this.clearDiskDiagnostics(uri);
      return;
    }
    const outcome = await this.workerPool().analyze({ absolutePath: path, relativePath, displayPath: path, fix: 'none', hash: true }, folder.config);
    if (this.documents.has(uri) || this.shuttingDown) return;
    this.log(outcome.notes);
    this.publishDisk(uri, outcome.findings, outcome.contentHash);
  }

  private publishDisk(uri: string, findings: readonly Finding[], contentHash: string | undefined): void {
    if (contentHash) this.diskResults.set(uri, { hash: contentHash, findings });
    else this.diskResults.delete(uri);
    if (findings.length === 0 && !this.diskDiagnostics.has(uri)) return;
    if (findings.length > 0) this.diskDiagnostics.add(uri);
    else this.diskDiagnostics.delete(uri);
    this.publish(uri, findings.map((finding) => toDiagnostic(finding, 0)));
  }

  /**
   * Analyses every file of a folder on worker threads, with cancellable work-done progress. The scan
   * at start lets the files open then have their diagnostics first: its worker threads would compete
   * with them for the CPU.
   */
  private async scanFolder(folder: FolderState, reason: string, atStart = false): Promise<void> {
    // The scan also collects the checklist's facts from the same parses, unless `include` narrows it
    // (the checklist looks at the whole folder).
    const shareChecklist = folder.config.include.length === 0;
    let handOver: (data: ScanHandover | undefined) => void = () => undefined;
    if (shareChecklist) this.checklists.scanStarted(folder, new Promise((resolve) => (handOver = resolve)));
    try {
      if (atStart) await this.openDocumentsAnalysed(FIRST_DIAGNOSTICS_WAIT_MS);
      await this.scanFolderFiles(folder, reason, shareChecklist, handOver);
    } finally {
      handOver(undefined);
    }
  }

  private async scanFolderFiles(folder: FolderState, reason: string, shareChecklist: boolean, handOver: (data: ScanHandover | undefined) => void): Promise<void> {
    const generation = (this.scanGeneration.get(folder) ?? 0) + 1;
    this.scanGeneration.set(folder, generation);
    const current = (): boolean => this.scanGeneration.get(folder) === generation && !this.shuttingDown;
    const otherFiles: string[] = [];
    const { files, notes } = await collectFiles([folder.root], folder.root, folder.config, undefined, shareChecklist ? (file) => otherFiles.push(file.relativePath) : undefined);
    if (!current()) return;
    this.log(notes);
    this.warmUp?.offer(files, folder.config);
    const scanned = new Set(files.map((file) => pathToFileURL(file.absolutePath).href));
    for (const uri of [...this.diskDiagnostics]) {
      if (this.isInside(folder.root, fileURLToPath(uri)) && !scanned.has(uri)) this.clearDiskDiagnostics(uri);
    }
    let progress: WorkDoneProgressServerReporter | undefined;
    if (this.capabilities.workDoneProgress && files.length > 0) {
      progress = await this.connection.window.createWorkDoneProgress();
      progress.begin(`Readiness: scanning ${basename(folder.root) || folder.root}`, 0, `${files.length} files (${reason})`, true);
      progress.token.onCancellationRequested(() => {
        this.scanGeneration.set(folder, generation + 1);
        this.workerPool().cancelQueued();
      });
    }
    const started = Date.now();
    let done = 0;
    let lastReport = 0;
    const pool = this.workerPool();
    const facts = new Map<string, FileFacts>();
    let complete = true;
    await Promise.all(
      files.map(async (file) => {
        const uri = pathToFileURL(file.absolutePath).href;
        const outcome = await pool.analyze({ absolutePath: file.absolutePath, relativePath: file.relativePath, displayPath: file.absolutePath, fix: 'none', hash: true, facts: shareChecklist }, folder.config);
        done++;
        if (!current() || outcome.cancelled) {
          complete = false;
          return;
        }
        if (shareChecklist) facts.set(file.relativePath, factsOf(outcome));
        if (!this.documents.has(uri)) {
          this.log(outcome.notes);
          this.publishDisk(uri, outcome.findings, outcome.contentHash);
        }
        if (progress && Date.now() - lastReport > PROGRESS_INTERVAL_MS) {
          lastReport = Date.now();
          progress.report(Math.floor((done / files.length) * 100), `${done}/${files.length} files`);
        }
      }),
    );
    progress?.done();
    if (shareChecklist && complete && current()) handOver({ files: [...files.map((file) => file.relativePath), ...otherFiles], facts });
    this.connection.console.info(
      `${folder.root}: ${current() ? 'scanned' : 'scan cancelled after'} ${done} of ${files.length} files in ${Date.now() - started} ms (${reason})`,
    );
  }

  // ── checklist ────────────────────────────────────────────────────────────────────────────────

  private checklistFolders(folderUri: string | undefined): FolderState[] {
    if (folderUri === undefined) return this.folders;
    const folder = this.folders.find((candidate) => candidate.uri === folderUri || candidate.uri.replace(/\/$/, '') === folderUri.replace(/\/$/, ''));
    if (!folder) throw new Error(`${folderUri} is not a workspace folder`);
    return [folder];
  }

  private async checklistRequest(params: ChecklistParams): Promise<ChecklistResult> {
    await this.configured;
    const folders = this.checklistFolders(params.folderUri);
    return {
      folders: await Promise.all(
        folders.map(async (folder) => ({ uri: folder.uri, name: this.folderNames.get(folder.uri) ?? basename(folder.root), checklist: await this.checklists.checklist(folder) })),
      ),
    };
  }

  private async reportRequest(params: ReportParams): Promise<ReportResult> {
    await this.configured;
    const reports = await Promise.all(this.checklistFolders(params.folderUri).map((folder) => this.checklists.report(folder)));
    return { markdown: reports.join('\n---\n\n') };
  }

  private async setChecklistItem(params: SetChecklistItemParams): Promise<SetChecklistItemResult> {
    await this.configured;
    if (!params || typeof params.folderUri !== 'string') return { ok: false, message: 'folderUri is required' };
    const [folder] = this.checklistFolders(params.folderUri);
    return this.checklists.setItem(folder!, params);
  }

  // ── robustness ───────────────────────────────────────────────────────────────────────────────

  /** Runs a handler; a failure is logged, never fatal to the server. */
  private safely(what: string, run: () => void | Promise<void>): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => this.reportFailure(what, error));
    } catch (error) {
      this.reportFailure(what, error);
    }
  }

  private async safelyReturn<T>(what: string, fallback: T, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      this.reportFailure(what, error);
      return fallback;
    }
  }

  private reportFailure(what: string, error: unknown): void {
    this.connection.console.error(`readiness: ${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

function dedupeByTitle(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((action) => !seen.has(action.title) && seen.add(action.title));
}


/**
 * `initializationOptions.settings` of a client that sends its `readiness` settings with `initialize`:
 * `{ [workspaceFolderUri]: section }`. Anything else is ignored, and the settings are asked for.
 */
function startupSettings(options: unknown): Map<string, unknown> | undefined {
  if (!options || typeof options !== 'object') return undefined;
  const settings = (options as { settings?: unknown }).settings;
  if (!settings || typeof settings !== 'object' || Array.isArray(settings)) return undefined;
  return new Map(Object.entries(settings));
}
