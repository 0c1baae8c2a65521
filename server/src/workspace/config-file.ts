import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseConfig, type ConfigError, type ConfigResult } from '../config/load';
import { DEFAULT_CONFIG } from '../config/types';
import { RULES } from '../rules';

export const CONFIG_FILE_NAME = '.readiness.json';

const RULE_IDS = new Set(RULES.map((rule) => rule.meta.id));

/**
 * The workspace a path belongs to: the nearest directory at or above it that holds
 * `.readiness.json`, else the path itself (or its directory, for a file).
 */
export function findWorkspaceRoot(path: string): { root: string; configFile: string | undefined } {
  const start = resolve(path);
  const startDir = existsSync(start) && !statSync(start).isDirectory() ? dirname(start) : start;
  for (let dir = startDir; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return { root: dir, configFile: candidate };
    if (dirname(dir) === dir) break;
  }
  return { root: startDir, configFile: undefined };
}

function unreadable(file: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  return { file, key: '', message: `cannot read the configuration file (${code ?? String(error)})`, line: 0, column: 0, start: 0, end: 0 };
}

/** Reads and validates a configuration file; a missing optional file means the defaults. */
export function loadConfigFile(file: string | undefined): ConfigResult {
  if (!file) return { config: DEFAULT_CONFIG, raw: {}, errors: [] };
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { config: undefined, errors: [unreadable(file, error)] };
  }
  return parseConfig(text, file, { ruleIds: RULE_IDS });
}
