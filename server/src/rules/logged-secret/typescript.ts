import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { callArguments, isGlobal, memberPath, moduleOf, namesImportedFrom, propertyName, stringValue, unwrapExpression } from '../shared/typescript';
import { describesSecret, isLoggerName, isSecretName, type Leak, prefilterFor, REDACTED, reportLeak } from './common';
import { factNodesOfType } from '../shared/facts';
import { secretWordsConfiguredPrefilter } from '../shared/secret-names';

const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']);
/** Level methods of pino, winston, bunyan, log4js, loglevel, consola, and `child` bindings. */
const LEVEL_METHODS = new Set([
  'log', 'debug', 'info', 'warn', 'warning', 'error', 'trace', 'verbose', 'fatal', 'silly', 'notice', 'crit',
  'critical', 'alert', 'emerg', 'http', 'success', 'child',
]);
/** Lookups by a string key that return the value itself: headers, storage, settings. */
const LOOKUPS = new Set(['get', 'getItem', 'header', 'getHeader', 'cookie']);
/** Methods that hand the same secret on: `token.toString()`, `password.trim()`. */
const PASSTHROUGH = new Set(['toString', 'trim', 'valueOf']);
const STRING_LITERALS = new Set(['string', 'template_string', 'number', 'true', 'false', 'null', 'undefined']);

interface PathValue {
  name: string;
  last: string;
}

/** A variable or member used as is (`token`, `this.password`, `req.headers['authorization']`). */
function asPathValue(node: Node): PathValue | undefined {
  let value = unwrapExpression(node);
  // `req.headers.get('authorization')`, `req.header('Authorization')`, `localStorage.getItem('token')`.
  if (value.type === 'call_expression' && callArguments(value).length === 1) {
    const callee = value.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    const key = stringValue(callArguments(value)[0]);
    const receiver = callee?.childForFieldName('object');
    const path = receiver ? memberPath(receiver) : undefined;
    if (method !== undefined && LOOKUPS.has(method) && key !== undefined && /^[A-Za-z_][\w.-]{0,63}$/.test(key) && path) {
      return { name: `${path.join('.')}.${method}("${key}")`, last: key.split('.').pop()! };
    }
  }
  if (value.type === 'call_expression' && callArguments(value).length === 0) {
    const callee = value.childForFieldName('function');
    const property = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    if (callee && property !== undefined && PASSTHROUGH.has(property)) value = unwrapExpression(callee.childForFieldName('object')!);
  }
  if (value.type !== 'identifier' && value.type !== 'member_expression' && value.type !== 'subscript_expression') return undefined;
  const path = memberPath(value);
  if (!path || path.length === 0) return undefined;
  return { name: path.join('.'), last: path[path.length - 1]! };
}

/** A string argument used as a label for the next one: `'password:'`, `'token='`. */
function keyOf(node: Node): string | undefined {
  const content = stringValue(node)?.trim().replace(/\s*[:=]$/, '');
  return content !== undefined && /^[A-Za-z_$][\w.$-]{0,63}$/.test(content) ? content : undefined;
}

class Collector {
  readonly leaks: Leak[] = [];
  constructor(private readonly context: RuleContext) {}

  /** A logged value: a secret-named variable, or one inside a template, a concatenation, an object or an array. */
  value(node: Node): void {
    const value = unwrapExpression(node);
    switch (value.type) {
      case 'template_string':
        for (const substitution of value.namedChildren) {
          if (substitution.type !== 'template_substitution') continue;
          const inner = substitution.namedChildren[0];
          const path = inner ? asPathValue(inner) : undefined;
          if (path && isSecretName(path.last, this.context)) this.push(substitution, path.name, false, REDACTED);
        }
        return;
      case 'binary_expression':
        if (value.childForFieldName('operator')?.text === '+') {
          for (const side of [value.childForFieldName('left'), value.childForFieldName('right')]) if (side) this.value(side);
        }
        return;
      case 'object':
        this.object(value);
        return;
      case 'array':
        for (const element of value.namedChildren) this.value(element);
        return;
      case 'call_expression': {
        // `JSON.stringify({ password })` logs the same object.
        const callee = value.childForFieldName('function');
        const first = callArguments(value)[0];
        if (callee?.text === 'JSON.stringify' && first) this.value(first);
        else this.path(value);
        return;
      }
      default:
        this.path(value);
    }
  }

  /** The value under a key: flagged when secret-named itself, or when the key is and the value is a plain variable. */
  keyed(key: string, node: Node): void {
    const path = asPathValue(node);
    if (path && isSecretName(path.last, this.context)) this.push(node, path.name, false, `"${REDACTED}"`);
    else if (path && isSecretName(key, this.context) && !describesSecret(path.last, this.context)) this.push(node, key, true, `"${REDACTED}"`);
    else if (!path) this.value(node);
  }

  arguments(args: readonly Node[]): void {
    for (let index = 0; index < args.length; index++) {
      const arg = args[index]!;
      const key = keyOf(arg);
      const next = args[index + 1];
      if (key !== undefined && next && !STRING_LITERALS.has(unwrapExpression(next).type)) {
        this.keyed(key, next);
        index++;
      } else {
        this.value(arg);
      }
    }
  }

  private path(node: Node): void {
    const path = asPathValue(node);
    if (path && isSecretName(path.last, this.context)) this.push(node, path.name, false, `"${REDACTED}"`);
  }

  /** `{ password }`, `{ token: t }`, `{ user: { apiKey: key } }`. */
  private object(object: Node): void {
    for (const member of object.namedChildren) {
      if (member.type === 'shorthand_property_identifier') {
        if (isSecretName(member.text, this.context)) this.push(member, member.text, false, `${member.text}: "${REDACTED}"`);
        continue;
      }
      if (member.type !== 'pair') continue;
      const key = propertyName(member);
      const value = member.childForFieldName('value');
      if (key === undefined || !value) continue;
      this.keyed(key, value);
    }
  }

  private push(node: Node, name: string, byKey: boolean, replacement: string): void {
    this.leaks.push({ start: node.startIndex, end: node.endIndex, name, byKey, replacement });
  }
}

/** A type named like a logger (`Logger`, `pino.Logger`, `LoggerService`, `FastifyBaseLogger`). */
const LOGGER_TYPE = /^(?:\w+\.)*\w*Logger(?:Service)?(?:<.*>)?$/;
/** Calls that make a logger: `pino()`, `winston.createLogger({…})`, `log4js.getLogger()`. */
const LOGGER_FACTORY = /^(?:pino|(?:\w+\.)?createLogger|(?:\w+\.)?getLogger)$/;

/**
 * Names the file gives loggers whatever they are called: `private readonly out: Logger`,
 * `const p = pino()`, `out = new Logger(Service.name)`.
 */
function loggerVariables(context: RuleContext): ReadonlySet<string> {
  return context.memo('logged-secret:typescript-loggers', () => {
    const names = new Set<string>();
    const kinds = ['required_parameter', 'optional_parameter', 'public_field_definition', 'field_definition', 'variable_declarator'];
    for (const declaration of factNodesOfType(context, kinds)) {
      const name = declaration.childForFieldName('pattern') ?? declaration.childForFieldName('name') ?? declaration.childForFieldName('property');
      if (name?.type !== 'identifier' && name?.type !== 'property_identifier') continue;
      const type = declaration.childForFieldName('type')?.namedChildren[0]?.text.replace(/\s+/g, '');
      const value = declaration.childForFieldName('value');
      const made =
        (value?.type === 'call_expression' && LOGGER_FACTORY.test(value.childForFieldName('function')?.text ?? '')) ||
        (value?.type === 'new_expression' && LOGGER_TYPE.test(value.childForFieldName('constructor')?.text ?? ''));
      if (made || (type !== undefined && LOGGER_TYPE.test(type))) names.add(name.text);
    }
    return names;
  });
}

const DEBUG_MODULE: ReadonlySet<string> = new Set(['debug']);

/**
 * Functions made by the `debug` package: `const debug = require('debug')('auth')`,
 * `const log = createDebug('auth')` after `import createDebug from 'debug'`.
 */
function debugFunctions(context: RuleContext): ReadonlySet<string> {
  return context.memo('logged-secret:typescript-debug', () => {
    const names = new Set<string>();
    if (!context.document.text.includes('debug')) return names;
    const imported = namesImportedFrom(context, DEBUG_MODULE);
    for (const declarator of factNodesOfType(context, ['variable_declarator'])) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      const factory = value?.type === 'call_expression' ? value.childForFieldName('function') : null;
      if (name?.type !== 'identifier' || !factory) continue;
      // Only a name bound to the module, or `require('debug')` itself, can be the factory: most
      // declarators of a file stop here, before any name is resolved.
      const root = memberPath(factory)?.[0];
      if (root !== undefined && !imported.has(root)) continue;
      if (moduleOf(factory, context)?.module === 'debug') names.add(name.text);
    }
    return names;
  });
}

/** `logger`, `log`, `this.logger`, `req.log`, `authLogger`, `logger.child({…})`, `this.out: Logger`. */
function isLogger(receiver: Node, context: RuleContext): boolean {
  const node = unwrapExpression(receiver);
  if (node.type === 'call_expression') {
    const callee = node.childForFieldName('function');
    return callee?.type === 'member_expression' && isLogger(callee.childForFieldName('object')!, context);
  }
  const path = memberPath(node);
  const last = path?.[path.length - 1];
  return last !== undefined && (isLoggerName(last) || loggerVariables(context).has(last));
}

function label(receiver: Node, method: string): string {
  const path = memberPath(receiver);
  return path && path.join('.').length <= 40 ? `${path.join('.')}.${method}` : `….${method}`;
}

export default defineLanguageRule({
  language: 'typescript',
  prefilter: [prefilterFor('console|log|pino|winston|bunyan|debug|process\\.std')],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (call_expression function: (member_expression object: (_) @receiver property: (property_identifier) @method) arguments: (arguments)) @call
    (call_expression function: (identifier) @function arguments: (arguments)) @call
  `,
  check({ captures }, context) {
    const { call, receiver, method, function: callee } = captures;
    if (call && callee) {
      if (!debugFunctions(context).has(callee.text)) return;
      const collector = new Collector(context);
      collector.arguments(callArguments(call));
      for (const leak of collector.leaks) reportLeak(leak, callee.text, context);
      return;
    }
    if (!call || !receiver || !method) return;
    const isConsole = receiver.type === 'identifier' && receiver.text === 'console' && isGlobal(receiver, context);
    // `process.stdout.write(…)` prints like `console.log`.
    const isStandardStream = method.text === 'write' && (receiver.text === 'process.stdout' || receiver.text === 'process.stderr');
    if (!isStandardStream && (isConsole ? !CONSOLE_METHODS.has(method.text) : !LEVEL_METHODS.has(method.text) || !isLogger(receiver, context))) return;
    const collector = new Collector(context);
    collector.arguments(callArguments(call));
    const logger = label(receiver, method.text);
    for (const leak of collector.leaks) reportLeak(leak, logger, context);
  },
});
