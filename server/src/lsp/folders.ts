import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, resolveConfig, type ConfigError } from '../config/load';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../config/types';
import { RULES } from '../rules';
import { CONFIG_FILE_NAME } from '../workspace/config-file';

const RULE_IDS = new Set(RULES.map((rule) => rule.meta.id));

/** Keys of `.readiness.json` that editor settings (`readiness.*`) may override. */
const OVERRIDABLE = ['rules', 'include', 'exclude', 'tests', 'timeoutSeconds', 'maxFileBytes', 'secretNames', 'defaultValues', 'checklist'] as const;

export interface ConfigLoad {
  errors: ConfigError[];
  /** The text of the configuration file, to place diagnostics. */
  text: string;
}

/**
 * One workspace folder (or the directory of a file outside any folder): its `.readiness.json`,
 * the editor settings layered over it, and the last valid configuration, which stays in force
 * while the file is invalid.
 */
export class FolderState {
  private fileRaw: Record<string, unknown> = {};
  private settingsRaw: Record<string, unknown> = {};
  private effective: ResolvedConfig = DEFAULT_CONFIG;

  constructor(
    readonly uri: string,
    readonly root: string,
  ) {}

  get configFile(): string {
    return join(this.root, CONFIG_FILE_NAME);
  }

  get config(): ResolvedConfig {
    return this.effective;
  }

  /** Re-reads `.readiness.json`; on errors the previous valid file configuration is kept. */
  reloadFile(): ConfigLoad {
    if (!existsSync(this.configFile)) {
      this.fileRaw = {};
      this.recompute();
      return { errors: [], text: '' };
    }
    let text: string;
    try {
      text = readFileSync(this.configFile, 'utf8').replace(/^\uFEFF/, '');
    } catch (error) {
      const message = `cannot read the configuration file (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      return { errors: [{ file: this.configFile, key: '', message, line: 0, column: 0, start: 0, end: 0 }], text: '' };
    }
    const result = parseConfig(text, this.configFile, { ruleIds: RULE_IDS });
    if (result.config) {
      this.fileRaw = result.raw;
      this.recompute();
    }
    return { errors: result.errors, text };
  }

  /**
   * Applies the `readiness` settings section; unset (null) values leave the file's value alone.
   * Returns the problems, if the settings are invalid (then they are ignored).
   */
  applySettings(section: unknown): ConfigError[] {
    const picked: Record<string, unknown> = {};
    if (section && typeof section === 'object') {
      for (const key of OVERRIDABLE) {
        const value = (section as Record<string, unknown>)[key];
        if (value !== null && value !== undefined) picked[key] = value;
      }
    }
    const result = parseConfig(JSON.stringify(picked), 'settings (readiness.*)', { ruleIds: RULE_IDS });
    if (!result.config) return result.errors;
    this.settingsRaw = result.raw;
    this.recompute();
    return [];
  }

  private recompute(): void {
    const fileRules = (this.fileRaw.rules ?? {}) as Record<string, unknown>;
    const settingsRules = (this.settingsRaw.rules ?? {}) as Record<string, unknown>;
    this.effective = resolveConfig({ ...this.fileRaw, ...this.settingsRaw, rules: { ...fileRules, ...settingsRules } });
  }
}
