import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type ParseError, type Node as JsonNode } from 'jsonc-parser';
import { validate as generatedValidator } from './generated/config-validator';
import type { SeveritySetting } from '../engine/finding';
import { DEFAULT_CONFIG, type ResolvedConfig } from './types';
import { globProblem } from './globs';

/** A problem in a configuration file, pinned to the key that causes it. */
export interface ConfigError {
  file: string;
  /** Dotted path of the offending key, e.g. `rules.unwrap`; empty for the whole file. */
  key: string;
  message: string;
  /** Zero-based position of the key (or of the syntax error) in the file. */
  line: number;
  column: number;
  /** Offsets of the offending key or value, for editor diagnostics. */
  start: number;
  end: number;
}

/** `raw` is the validated object as written, for layering settings over the file. */
export type ConfigResult = { config: ResolvedConfig; raw: Record<string, unknown>; errors: [] } | { config: undefined; raw?: undefined; errors: ConfigError[] };

/**
 * The schema compiled ahead of time (scripts/generate-config-validator.mjs): compiling it as a
 * process starts cost about 40 ms of the time to the first diagnostics. A test checks the schema
 * itself against the JSON Schema meta-schema.
 */
const compiledValidator = generatedValidator as unknown as ValidateFunction;

function validate(value: unknown): { valid: boolean; errors: ErrorObject[] } {
  const valid = compiledValidator(value);
  return { valid, errors: compiledValidator.errors ?? [] };
}

type PathSegment = string | number;

function keyOf(path: readonly PathSegment[]): string {
  return path.reduce<string>((key, segment) => (typeof segment === 'number' ? `${key}[${segment}]` : key ? `${key}.${segment}` : segment), '');
}

function pathOf(instancePath: string): PathSegment[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** Locates a key path in the JSON text: the property name when it exists, else its nearest parent. */
function locate(text: string, root: JsonNode | undefined, path: readonly PathSegment[], onKey: boolean): { start: number; end: number } {
  for (let depth = path.length; depth >= 0 && root; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth) as PathSegment[]);
    if (!node) continue;
    const target = onKey && depth === path.length && node.parent?.type === 'property' ? node.parent.children?.[0] ?? node : node;
    return { start: target.offset, end: target.offset + target.length };
  }
  return { start: 0, end: Math.min(text.length, 1) };
}

function describe(error: ErrorObject): { path: PathSegment[]; message: string; onKey: boolean } {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { path: [...path, String(params.additionalProperty)], message: 'unknown key', onKey: true };
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"`, onKey: false };
    case 'propertyNames':
      return { path: [...path, String(params.propertyName)], message: 'must be a kebab-case id', onKey: true };
    case 'enum':
      return { path, message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`, onKey: false };
    case 'type':
      return { path, message: `must be of type ${String(params.type)}`, onKey: false };
    default:
      return { path, message: error.message ?? 'is invalid', onKey: false };
  }
}

export interface ConfigContext {
  /** Rule ids that exist, so a misspelt rule name is an error rather than a silent no-op. */
  ruleIds: ReadonlySet<string>;
}

/**
 * Reads `.readiness.json` text (JSON with comments) into a resolved configuration, or the list of
 * problems, each naming the file and the key. Never throws and never falls back to defaults silently.
 */
export function parseConfig(text: string, file: string, context: ConfigContext): ConfigResult {
  const errors: ConfigError[] = [];
  const push = (key: string, message: string, start: number, end: number): void => {
    errors.push({ file, key, message, start, end, ...lineAndColumn(text, start) });
  };
  const syntaxErrors: ParseError[] = [];
  const value: unknown = parse(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  for (const syntax of syntaxErrors) push('', `invalid JSON: ${printParseErrorCode(syntax.error)}`, syntax.offset, syntax.offset + syntax.length);
  if (errors.length > 0) return { config: undefined, errors };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    push('', 'must be a JSON object', 0, text.length);
    return { config: undefined, errors };
  }

  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const validation = validate(value);
  if (!validation.valid) {
    for (const error of validation.errors) {
      // The property-name check reports once for the name and once for the object; keep the latter.
      if (error.propertyName !== undefined) continue;
      const { path, message, onKey } = describe(error);
      const { start, end } = locate(text, root, path, onKey);
      push(keyOf(path), message, start, end);
    }
  }
  const raw = value as Record<string, unknown>;
  const rules = (raw.rules ?? {}) as Record<string, unknown>;
  if (typeof rules === 'object' && rules !== null) {
    for (const ruleId of Object.keys(rules)) {
      if (!context.ruleIds.has(ruleId) && /^[a-z][a-z0-9-]*$/.test(ruleId)) {
        const { start, end } = locate(text, root, ['rules', ruleId], true);
        push(`rules.${ruleId}`, `unknown rule (known rules: ${[...context.ruleIds].sort().join(', ')})`, start, end);
      }
    }
  }
  const globLists: PathSegment[][] = [['include'], ['exclude'], ['checklist', 'files']];
  for (const listPath of globLists) {
    const list = listPath.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key as string], raw);
    if (!Array.isArray(list)) continue;
    list.forEach((pattern, index) => {
      if (typeof pattern !== 'string') return;
      const problem = globProblem(pattern);
      if (!problem) return;
      const { start, end } = locate(text, root, [...listPath, index], false);
      push(keyOf([...listPath, index]), `bad glob ${JSON.stringify(pattern)}: ${problem}`, start, end);
    });
  }
  if (errors.length > 0) return { config: undefined, errors: dedupe(errors).sort((a, b) => a.start - b.start) };
  return { config: resolveConfig(raw), raw, errors: [] };
}

function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const id = `${error.key}\0${error.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** Fills defaults into a configuration object that already passed validation. */
export function resolveConfig(raw: Record<string, unknown>): ResolvedConfig {
  const pick = <T>(value: unknown, fallback: T): T => (value === undefined ? fallback : (value as T));
  const list = (value: unknown): { add: string[]; ignore: string[] } => {
    const adjustment = (value ?? {}) as { add?: string[]; ignore?: string[] };
    return { add: adjustment.add ?? [], ignore: adjustment.ignore ?? [] };
  };
  const checklist = (raw.checklist ?? {}) as { files?: string[]; overrides?: ResolvedConfig['checklist']['overrides'] };
  return {
    rules: pick<Record<string, SeveritySetting>>(raw.rules, {}),
    include: pick(raw.include, DEFAULT_CONFIG.include),
    exclude: pick(raw.exclude, DEFAULT_CONFIG.exclude),
    tests: pick(raw.tests, DEFAULT_CONFIG.tests),
    timeoutSeconds: pick(raw.timeoutSeconds, DEFAULT_CONFIG.timeoutSeconds),
    maxFileBytes: pick(raw.maxFileBytes, DEFAULT_CONFIG.maxFileBytes),
    secretNames: list(raw.secretNames),
    defaultValues: list(raw.defaultValues),
    checklist: {
      files: checklist.files ?? DEFAULT_CONFIG.checklist.files,
      overrides: checklist.overrides ?? {},
    },
  };
}
