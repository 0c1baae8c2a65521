import type { LanguageDefinition, LanguageId } from './types';
import { rust } from './rust';
import { go } from './go';
import { javascript, tsx, typescript } from './typescript';
import { python } from './python';
import { toml } from './toml';
import { yaml } from './yaml';
import { json } from './json';
import { dotenv } from './dotenv';

/** Every language Readiness reads, one line each. */
export const LANGUAGES: readonly LanguageDefinition[] = [rust, go, typescript, tsx, javascript, python, toml, yaml, json, dotenv];

const BY_ID = new Map<LanguageId, LanguageDefinition>(LANGUAGES.map((language) => [language.id, language]));

export function languageById(id: LanguageId): LanguageDefinition {
  const language = BY_ID.get(id);
  if (!language) throw new Error(`unknown language ${id}`);
  return language;
}

/** The language of a workspace-relative POSIX path, if Readiness reads it. */
export function languageForPath(relativePath: string): LanguageDefinition | undefined {
  const baseName = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return LANGUAGES.find((language) => language.matchesPath(relativePath, baseName));
}

export type { LanguageDefinition, LanguageId, RuleLanguage, ConfigEntry } from './types';
