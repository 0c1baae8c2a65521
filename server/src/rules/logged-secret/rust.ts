import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { localDeclaration } from '../shared/rust';
import { describesSecret, isSecretName, type Leak, prefilterFor, REDACTED, reportLeak } from './common';
import { factNodesOfType } from '../shared/facts';
import { secretWordsConfiguredPrefilter } from '../shared/secret-names';

/** Macros that print their format arguments to stdout or stderr. */
const PRINT_MACROS = new Set(['println', 'eprintln', 'print', 'eprint']);
/** `log` and `tracing` macros: fields (tracing), then an optional format string and its arguments. */
const LEVEL_MACROS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'event', 'log']);
/** `tracing` spans: a name, then fields recorded with every event inside the span. */
const SPAN_MACROS = new Set(['span', 'trace_span', 'debug_span', 'info_span', 'warn_span', 'error_span']);
const LOGGING_CRATES = new Set(['log', 'tracing']);

/** Methods that hand the same secret on (`token.clone()`, `password.expose_secret()`). */
const PASSTHROUGH = new Set(['clone', 'to_string', 'to_owned', 'as_str', 'as_ref', 'as_deref', 'expose_secret', 'unwrap']);

const ENV_READS = new Set(['env::var', 'env::var_os', 'dotenvy::var', 'dotenv::var']);
/** Lookups by a string key that return the value itself (`headers.get("authorization")`). */
const LOOKUPS = new Set(['get', 'get_all']);
/** Format traits `&str` does not implement: a redacted string would not compile there. */
const NUMERIC_FORMAT = /\{[^{}]*:[^{}]*[xXobeE]\??\}/;
const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)(?::[^{}]*)?\}/g;

type Group = Node[];

function isComment(node: Node): boolean {
  return node.type === 'line_comment' || node.type === 'block_comment';
}

/** The comma-separated arguments of a macro's token tree. */
function splitGroups(tree: Node): Group[] {
  const tokens = tree.children.slice(1, -1).filter((token) => !isComment(token));
  const groups: Group[] = [[]];
  for (const token of tokens) {
    if (token.type === ',') groups.push([]);
    else groups[groups.length - 1]!.push(token);
  }
  return groups.filter((group) => group.length > 0);
}

function isStringToken(token: Node | undefined): boolean {
  return token?.type === 'string_literal' || token?.type === 'raw_string_literal';
}

function isLiteralToken(token: Node | undefined): boolean {
  return isStringToken(token) || token?.type === 'integer_literal' || token?.type === 'float_literal' || token?.type === 'boolean_literal' || token?.type === 'char_literal';
}

interface PathValue {
  /** `cfg.db_password`, `self.token` */
  name: string;
  last: string;
}

/**
 * A value used as is: a variable or field path, maybe borrowed or dereferenced, maybe passed on
 * through `.clone()`-like methods — not a call on it (`token.len()` ends in `len`, `hash(&password)`
 * is not a path).
 */
function asPathValue(tokens: readonly Node[]): PathValue | undefined {
  let index = 0;
  while (tokens[index]?.type === '&' || tokens[index]?.type === '*' || tokens[index]?.type === 'mutable_specifier') index++;
  const first = tokens[index];
  if (first?.type !== 'identifier' && first?.type !== 'self') return undefined;
  const segments = [first.text];
  index++;
  // `std::env::var("API_TOKEN")`: the variable's value.
  let envKey: string | undefined;
  while (tokens[index]?.type === '::' && tokens[index + 1]?.type === 'identifier') {
    segments.push(tokens[index + 1]!.text);
    index += 2;
  }
  if (segments.length > 1) {
    const call = tokens[index];
    const key = call?.type === 'token_tree' && ENV_READS.has(segments.slice(-2).join('::')) ? lookupKey(call) : undefined;
    if (key === undefined) return undefined;
    segments.splice(0, segments.length, `${segments.slice(-2).join('::')}("${key}")`);
    envKey = key;
    index++;
  }
  while (index < tokens.length) {
    if (tokens[index]!.type !== '.') return undefined;
    const segment = tokens[index + 1];
    if (segment?.type !== 'identifier' && segment?.type !== 'integer_literal') return undefined;
    const call = tokens[index + 2];
    if (call?.type !== 'token_tree') {
      segments.push(segment.text);
      index += 2;
      continue;
    }
    index += 3;
    // `headers.get("authorization")`: the value under a secret-named key.
    const key = LOOKUPS.has(segment.text) ? lookupKey(call) : undefined;
    if (key !== undefined) segments.push(key);
    else if (call.children.length > 2) return undefined;
    // `.clone()` hands the same value on; another accessor (`req.headers()`, `token.len()`) is a segment.
    else if (!PASSTHROUGH.has(segment.text)) segments.push(segment.text);
  }
  const last = segments.length === 1 && envKey !== undefined ? envKey : segments[segments.length - 1]!;
  return { name: segments.join('.'), last };
}

/** The key of `.get("authorization")`: a single string literal that reads like a name. */
function lookupKey(tree: Node): string | undefined {
  const inner = tree.children.slice(1, -1).filter((token) => !isComment(token));
  if (inner.length !== 1 || inner[0]!.type !== 'string_literal') return undefined;
  const key = inner[0]!.text.slice(1, -1);
  return /^[A-Za-z_][\w.-]{0,63}$/.test(key) ? key : undefined;
}

function span(tokens: readonly Node[]): { start: number; end: number } {
  return { start: tokens[0]!.startIndex, end: tokens[tokens.length - 1]!.endIndex };
}

/** Types a secret does not come in: numbers, flags, and the `Token` of event loops and lexers (`mio::Token`). */
const NON_SECRET_TYPE = /^(?:[&*]\s*(?:mut\s+)?)*(?:(?:\w+::)*Token|[iu](?:8|16|32|64|128|size)|f32|f64|bool|char)$/;

/** A local or parameter whose written type cannot hold a credential. */
function hasNonSecretType(name: string, at: Node): boolean {
  const type = localDeclaration(name, at)?.type;
  return type !== undefined && NON_SECRET_TYPE.test(type.text);
}

/** A format argument or `dbg!` argument: flagged when it is a secret-named value. */
function valueLeak(tokens: readonly Node[], replacement: string | undefined, context: RuleContext): Leak | undefined {
  const value = asPathValue(tokens);
  if (!value || !isSecretName(value.last, context)) return undefined;
  if (value.name === value.last && hasNonSecretType(value.name, tokens[0]!)) return undefined;
  return { ...span(tokens), name: value.name, byKey: false, replacement };
}

/** `key = value`: flagged when the value is secret-named, or the key is and the value is a plain variable. */
function keyedLeak(key: string, valueTokens: readonly Node[], replacement: string, context: RuleContext): Leak | undefined {
  if (valueTokens.length === 0) return undefined;
  const own = valueLeak(valueTokens, replacement, context);
  if (own) return own;
  const value = asPathValue(valueTokens);
  if (!value || !isSecretName(key, context) || describesSecret(value.last, context)) return undefined;
  return { ...span(valueTokens), name: key, byKey: true, replacement };
}

function stripSigil(tokens: readonly Node[]): { sigil: string; rest: readonly Node[] } {
  const first = tokens[0]?.type;
  return first === '%' || first === '?' ? { sigil: first, rest: tokens.slice(1) } : { sigil: '', rest: tokens };
}

/** `name = value`, `a.b = value` or `"a.b" = value`; the key's last segment and the value's tokens. */
function splitAssignment(group: Group): { key: string; value: Node[] } | undefined {
  const equals = group.findIndex((token) => token.type === '=');
  if (equals <= 0) return undefined;
  const keyTokens = group.slice(0, equals);
  let key: string;
  if (keyTokens.length === 1 && isStringToken(keyTokens[0])) key = keyTokens[0]!.text.replace(/^r?#*"|"#*$/g, '');
  else if (keyTokens.every((token, index) => (index % 2 === 0 ? token.type === 'identifier' : token.type === '.'))) key = keyTokens.map((token) => token.text).join('');
  else return undefined;
  return { key: key.split('.').pop() ?? key, value: group.slice(equals + 1) };
}

/** A tracing field: `password`, `?self.password`, `token = %t`, `"user.password" = p`. */
function fieldLeak(group: Group, context: RuleContext): Leak | undefined {
  const assignment = splitAssignment(group);
  if (assignment) {
    const { rest } = stripSigil(assignment.value);
    if (rest.length === 1 && isLiteralToken(rest[0])) return undefined;
    return keyedLeak(assignment.key, rest, `"${REDACTED}"`, context);
  }
  const { sigil, rest } = stripSigil(group);
  const value = asPathValue(rest);
  if (!value || !isSecretName(value.last, context)) return undefined;
  // A shorthand field is named after its value; keep the name and redact the value.
  return { ...span(group), name: value.name, byKey: false, replacement: `${value.last} = ${sigil}"${REDACTED}"` };
}

/** `target: "auth"`, `parent: &span`, `name: "x"` */
function isDirective(group: Group): boolean {
  return group.length >= 2 && group[0]!.type === 'identifier' && group[1]!.type === ':';
}

/** The `{name}` placeholders of a format string that capture a secret-named variable. */
function placeholderLeaks(literal: Node, namedArguments: ReadonlySet<string>, context: RuleContext): Leak[] {
  const leaks: Leak[] = [];
  for (const match of literal.text.matchAll(PLACEHOLDER)) {
    const name = match[1];
    if (!name || namedArguments.has(name) || !isSecretName(name, context) || hasNonSecretType(name, literal)) continue;
    const start = literal.startIndex + match.index;
    leaks.push({ start, end: start + match[0].length, name, byKey: false, replacement: REDACTED });
  }
  return leaks;
}

/** A format string and its arguments: inline `{token}` captures, positional and named arguments. */
function formatLeaks(literal: Node, args: readonly Group[], context: RuleContext): Leak[] {
  const named = new Set<string>();
  for (const group of args) {
    const assignment = splitAssignment(group);
    if (assignment && group.length > 1 && group[1]!.type === '=') named.add(assignment.key);
  }
  const leaks = placeholderLeaks(literal, named, context);
  const replacement = NUMERIC_FORMAT.test(literal.text) ? undefined : `"${REDACTED}"`;
  for (const group of args) {
    const assignment = group.length > 2 && group[0]!.type === 'identifier' && group[1]!.type === '=' ? splitAssignment(group) : undefined;
    const value = assignment ? assignment.value : group;
    const nested = nestedFormat(value);
    if (nested) {
      leaks.push(...nested.flatMap((inner) => leaksOfFormatMacro(inner, context)));
      continue;
    }
    const leak = valueLeak(value, replacement, context);
    if (leak) leaks.push(leak);
  }
  return leaks;
}

/** `format!(…)` (or `&format!(…)`) as an argument: its token tree. */
function nestedFormat(tokens: readonly Node[]): Node[] | undefined {
  const start = tokens[0]?.type === '&' ? 1 : 0;
  const [name, bang, tree] = tokens.slice(start);
  return tokens.length === start + 3 && name?.text === 'format' && bang?.type === '!' && tree?.type === 'token_tree' ? [tree] : undefined;
}

/** A format macro's arguments: the format string first. */
function leaksOfFormatMacro(tree: Node, context: RuleContext): Leak[] {
  const [format, ...args] = splitGroups(tree);
  return format?.length === 1 && isStringToken(format[0]) ? formatLeaks(format[0]!, args, context) : [];
}

/** Fields, then an optional format string and its arguments (`log` has no fields; the parse is the same). */
function levelMacroLeaks(groups: readonly Group[], isEvent: boolean, context: RuleContext): Leak[] {
  let rest = groups.filter((group) => !isDirective(group));
  // `event!(Level::INFO, …)` and `log!(Level::Info, …)` open with the level.
  if (isEvent && rest.length > 0 && !isStringToken(rest[0]![0])) rest = rest.slice(1);
  const formatIndex = rest.findIndex((group) => group.length === 1 && isStringToken(group[0]));
  const fields = formatIndex === -1 ? rest : rest.slice(0, formatIndex);
  const leaks = fields.map((group) => fieldLeak(group, context)).filter((leak): leak is Leak => leak !== undefined);
  if (formatIndex !== -1) leaks.push(...formatLeaks(rest[formatIndex]![0]!, rest.slice(formatIndex + 1), context));
  return leaks;
}

/** Whether the file brings in `log` or `tracing` macros (`use tracing::info`, `#[macro_use] extern crate log`). */
function importsLoggingCrate(context: RuleContext): boolean {
  return context.memo('rust:imports-logging-crate', () =>
    factNodesOfType(context, ['use_declaration', 'extern_crate_declaration']).some((declaration) => {
      const target = declaration.type === 'use_declaration' ? declaration.childForFieldName('argument') : declaration.childForFieldName('name');
      const root = target?.text.replace(/^::/, '').split(/::|\s|\{/)[0];
      return root !== undefined && LOGGING_CRATES.has(root);
    }),
  );
}

function leaksOf(name: string, crate: string | undefined, invocation: Node, tree: Node, context: RuleContext): Leak[] {
  const groups = splitGroups(tree);
  if (PRINT_MACROS.has(name) && (crate === undefined || crate === 'std')) return leaksOfFormatMacro(tree, context);
  if (name === 'dbg' && (crate === undefined || crate === 'std')) {
    // `dbg!` returns its argument: only a statement can take a string instead.
    const replacement = invocation.parent?.type === 'expression_statement' ? `"${REDACTED}"` : undefined;
    return groups.map((group) => valueLeak(group, replacement, context)).filter((leak): leak is Leak => leak !== undefined);
  }
  const fromLoggingCrate = crate !== undefined ? LOGGING_CRATES.has(crate) : importsLoggingCrate(context);
  if (!fromLoggingCrate) return [];
  if (LEVEL_MACROS.has(name)) return levelMacroLeaks(groups, name === 'event' || name === 'log', context);
  if (SPAN_MACROS.has(name)) return groups.map((group) => fieldLeak(group, context)).filter((leak): leak is Leak => leak !== undefined);
  return [];
}

export default defineLanguageRule({
  language: 'rust',
  prefilter: [prefilterFor('\\b(?:e?print(?:ln)?|dbg|trace|debug|info|warn|error|event|log|span|trace_span|debug_span|info_span|warn_span|error_span)!')],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (macro_invocation
      macro: [(identifier) @name (scoped_identifier path: (identifier) @crate name: (identifier) @name)]
      (token_tree) @tree
      (#any-of? @name "println" "eprintln" "print" "eprint" "dbg" "trace" "debug" "info" "warn" "error" "event" "log" "span" "trace_span" "debug_span" "info_span" "warn_span" "error_span")) @invocation
  `,
  check({ captures }, context) {
    const { name, crate, tree, invocation } = captures;
    if (!name || !tree || !invocation) return;
    const logger = `${invocation.childForFieldName('macro')?.text ?? name.text}!`;
    for (const leak of leaksOf(name.text, crate?.text, invocation, tree, context)) reportLeak(leak, logger, context);
  },
});
