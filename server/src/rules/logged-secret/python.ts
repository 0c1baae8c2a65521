import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { qualifiedName } from '../shared/python';
import { describesSecret, isLoggerName, isSecretName, type Leak, prefilterFor, REDACTED, reportLeak } from './common';
import { factNodesOfType } from '../shared/facts';
import { secretWordsConfiguredPrefilter } from '../shared/secret-names';

/** Level methods of `logging`, loguru and structlog, and their context bindings. */
const LEVEL_METHODS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg', 'trace', 'success', 'bind', 'new']);
/** Keyword arguments that configure the call rather than carry data. */
const CONTROL_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel', 'sep', 'end', 'file', 'flush']);
/** Calls that hand the same secret on: `str(token)`, `repr(password)`. */
const PASSTHROUGH = new Set(['str', 'repr']);
/** Lookups by a string key that return the value itself: the environment, headers, forms, settings. */
const LOOKUPS = new Set(['get', 'getenv', 'getlist', 'get_header', 'getheader']);
const LOGGER_FACTORIES = /(?:^|\.)(?:getLogger|get_logger|getChild)$/;
/** `%`-format conversions a string satisfies, so `"[REDACTED]"` does not raise. */
const PERCENT_SPEC = /%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([a-zA-Z%])/g;

interface PathValue {
  name: string;
  last: string;
}

/** A variable or attribute used as is (`token`, `self.api_key`, `str(password)`); not a call on it. */
function asPathValue(node: Node): PathValue | undefined {
  let value = node;
  while (value.type === 'parenthesized_expression' && value.namedChildren.length === 1) value = value.namedChildren[0]!;
  if (value.type === 'call') {
    const callee = value.childForFieldName('function')?.text ?? '';
    const args = value.childForFieldName('arguments')?.namedChildren ?? [];
    // `os.getenv("DB_PASSWORD")`, `request.headers.get("Authorization")`, `config.get("api_key", "")`.
    const method = callee.split('.').pop() ?? '';
    const key = LOOKUPS.has(method) && /^[\w.]{1,60}$/.test(callee) ? stringKey(args[0] ?? null) : undefined;
    if (key !== undefined && args.length <= 2) return { name: `${callee}("${key}")`, last: key };
    if (!PASSTHROUGH.has(callee) || args.length !== 1) return undefined;
    value = args[0]!;
  }
  const parts: string[] = [];
  let cursor: Node | null = value;
  while (cursor?.type === 'attribute' || cursor?.type === 'subscript') {
    if (cursor.type === 'subscript') {
      // `os.environ["DB_PASSWORD"]`, `settings["api_key"]`
      const key = stringKey(cursor.childForFieldName('subscript'));
      if (key === undefined) return undefined;
      parts.unshift(key);
      cursor = cursor.childForFieldName('value');
      continue;
    }
    parts.unshift(cursor.childForFieldName('attribute')?.text ?? '');
    cursor = cursor.childForFieldName('object');
  }
  if (cursor?.type !== 'identifier') return undefined;
  parts.unshift(cursor.text);
  return { name: parts.join('.'), last: parts[parts.length - 1]! };
}

function isLiteral(node: Node): boolean {
  return ['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none'].includes(node.type);
}

function isPlainString(node: Node): boolean {
  return node.type === 'string' && !node.namedChildren.some((child) => child.type === 'interpolation');
}

/** Whether every conversion of a `%`-format takes a string (`%s`, `%r`, `%a`). */
function takesStrings(format: Node | undefined): boolean {
  if (!format || !isPlainString(format)) return false;
  return [...format.text.matchAll(PERCENT_SPEC)].every((match) => ['s', 'r', 'a', '%'].includes(match[1]!));
}

/** A string that is a key (`"password"`), or with `label` also a label (`"token:"`, `"api_key="`). */
function stringKey(node: Node | null, label = false): string | undefined {
  if (!node || !isPlainString(node)) return undefined;
  let content = node.namedChildren.filter((child) => child.type === 'string_content').map((child) => child.text).join('');
  if (label) content = content.trim().replace(/\s*[:=]$/, '');
  return /^[A-Za-z_][\w.-]{0,63}$/.test(content) ? content : undefined;
}

class Collector {
  readonly leaks: Leak[] = [];
  constructor(private readonly context: RuleContext) {}

  /** A logged value: a secret-named variable, or one inside an f-string, a format, a dict or a sequence. */
  value(node: Node, replaceable: boolean): void {
    switch (node.type) {
      case 'string':
        for (const interpolation of node.namedChildren) {
          if (interpolation.type !== 'interpolation') continue;
          const expression = interpolation.childForFieldName('expression') ?? interpolation.namedChildren[0];
          const path = expression ? asPathValue(expression) : undefined;
          if (path && isSecretName(path.last, this.context)) this.push(interpolation, path.name, false, REDACTED);
        }
        return;
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.text;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (operator === '+') {
          for (const side of [left, right]) if (side) this.value(side, replaceable);
        } else if (operator === '%' && left && right && isPlainString(left)) {
          this.formatArguments(right, takesStrings(left));
        }
        return;
      }
      case 'call':
        if (!this.format(node)) this.path(node, replaceable);
        return;
      case 'dictionary':
        this.dictionary(node, replaceable);
        return;
      case 'list':
      case 'tuple':
      case 'set':
        for (const element of node.namedChildren) this.value(element, replaceable);
        return;
      default:
        this.path(node, replaceable);
    }
  }

  /** The value under a key: flagged when secret-named itself, or when the key is and the value is a plain variable. */
  keyed(key: string, node: Node, replaceable: boolean): void {
    const path = asPathValue(node);
    if (path && isSecretName(path.last, this.context)) this.push(node, path.name, false, replaceable ? `"${REDACTED}"` : undefined);
    else if (path && isSecretName(key, this.context) && !describesSecret(path.last, this.context)) this.push(node, key, true, replaceable ? `"${REDACTED}"` : undefined);
    else if (!path && !isLiteral(node)) this.value(node, replaceable);
  }

  /** Positional and keyword arguments of a logging call or of `str.format`. */
  arguments(args: Node, replaceable: boolean): void {
    const items = args.namedChildren.filter((arg) => arg.type !== 'comment');
    for (let index = 0; index < items.length; index++) {
      const arg = items[index]!;
      // `print("token:", t)`: a label, then the value it names.
      const label = stringKey(arg, true);
      const next = items[index + 1];
      if (label !== undefined && next && next.type !== 'keyword_argument' && asPathValue(next)) {
        this.keyed(label, next, replaceable);
        index++;
      } else if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = arg.childForFieldName('value');
        if (name && value && !CONTROL_KEYWORDS.has(name)) this.keyed(name, value, true);
      } else if (arg.type !== 'list_splat' && arg.type !== 'dictionary_splat') {
        this.value(arg, replaceable);
      }
    }
  }

  /** `"… {}".format(token)`; false when the call is not a `str.format`. */
  private format(call: Node): boolean {
    const callee = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'format' || !args) return false;
    const object = callee.childForFieldName('object');
    if (!object || !isPlainString(object)) return false;
    this.arguments(args, true);
    return true;
  }

  /** The right side of `"…" % args`: one value, a tuple or a dict. */
  private formatArguments(node: Node, replaceable: boolean): void {
    if (node.type === 'tuple' || node.type === 'dictionary' || node.type === 'parenthesized_expression') this.value(node.type === 'parenthesized_expression' ? node.namedChildren[0] ?? node : node, replaceable);
    else this.value(node, replaceable);
  }

  private path(node: Node, replaceable: boolean): void {
    const path = asPathValue(node);
    if (path && isSecretName(path.last, this.context)) this.push(node, path.name, false, replaceable ? `"${REDACTED}"` : undefined);
  }

  /** `{"password": p}`, `extra={"token": t}`, `dict(...)` is left alone. */
  private dictionary(node: Node, replaceable: boolean): void {
    for (const pair of node.namedChildren) {
      if (pair.type !== 'pair') continue;
      const key = stringKey(pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (key !== undefined && value) this.keyed(key, value, replaceable);
      else if (value) this.value(value, replaceable);
    }
  }

  private push(node: Node, name: string, byKey: boolean, replacement: string | undefined): void {
    this.leaks.push({ start: node.startIndex, end: node.endIndex, name, byKey, replacement });
  }
}

/** Names bound to a logger whatever they are called: `_l = logging.getLogger(__name__)`, `self.out = structlog.get_logger()`. */
function loggerVariables(context: RuleContext): ReadonlySet<string> {
  return context.memo('logged-secret:python-loggers', () => {
    const names = new Set<string>();
    for (const assignment of factNodesOfType(context, ['assignment'])) {
      const right = assignment.childForFieldName('right');
      const callee = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
      if (callee === undefined || !LOGGER_FACTORIES.test(callee)) continue;
      const left = assignment.childForFieldName('left');
      const name = left?.type === 'attribute' ? left.childForFieldName('attribute')?.text : left?.type === 'identifier' ? left.text : undefined;
      if (name) names.add(name);
    }
    return names;
  });
}

/** `logging`, `logger`, `self.log`, `app.logger`, `logging.getLogger(__name__)`, `log.bind(user=u)`, `_l = getLogger()`. */
function isLogger(receiver: Node, context: RuleContext): boolean {
  if (receiver.type === 'call') {
    const callee = receiver.childForFieldName('function');
    if (!callee) return false;
    if (LOGGER_FACTORIES.test(callee.text)) return true;
    const object = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
    return object !== null && isLogger(object, context);
  }
  const path = asPathValue(receiver);
  if (!path || path.name.includes('(')) return false;
  if (receiver.type === 'identifier' && qualifiedName(receiver, context) === 'logging') return true;
  return isLoggerName(path.last) || loggerVariables(context).has(path.last);
}

/** `print(…, file=f)` writes to a file or a buffer, unless `f` is stdout or stderr. */
function printsToFile(args: Node): boolean {
  const file = args.namedChildren.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'file');
  const value = file?.childForFieldName('value')?.text;
  return value !== undefined && !/^(?:sys\.)?(?:stdout|stderr|sys\.__stdout__|sys\.__stderr__)$/.test(value);
}

/** The `%`-style message of a logging call (`logger.info("token %s", t)`): its arguments follow it. */
function messageTakesStrings(args: Node, method: string): boolean {
  const positional = args.namedChildren.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'comment');
  const message = method === 'log' ? positional[1] : positional[0];
  return message === undefined || !isPlainString(message) || takesStrings(message);
}

export default defineLanguageRule({
  language: 'python',
  prefilter: [prefilterFor('print|log|sys\\.std')],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `
    (call function: (identifier) @print arguments: (argument_list) @args (#eq? @print "print")) @call
    (call function: (attribute object: (_) @receiver attribute: (identifier) @method) arguments: (argument_list) @args) @call
  `,
  check({ captures }, context) {
    const { print, receiver, method, args } = captures;
    if (!args) return;
    let logger: string;
    if (print) {
      if (printsToFile(args)) return;
      logger = 'print';
    } else if (method?.text === 'write' && (receiver?.text === 'sys.stdout' || receiver?.text === 'sys.stderr')) {
      logger = `${receiver.text}.write`;
    } else if (receiver && method && LEVEL_METHODS.has(method.text) && isLogger(receiver, context)) {
      // Only a plain path is shown: `log.bind(token="…")` would put a literal into the message.
      logger = /^[\w.]{1,40}$/.test(receiver.text) ? `${receiver.text}.${method.text}` : `….${method.text}`;
    } else {
      return;
    }
    const collector = new Collector(context);
    collector.arguments(args, print !== undefined || messageTakesStrings(args, method?.text ?? ''));
    for (const leak of collector.leaks) reportLeak(leak, logger, context);
  },
});
