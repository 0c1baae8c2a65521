import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { goImports } from '../shared/go';
import { describesSecret, isLoggerName, isSecretName, type Leak, prefilterFor, REDACTED, reportLeak } from './common';
import { factNodesOfType } from '../shared/facts';
import { secretWordsConfiguredPrefilter } from '../shared/secret-names';

/** Packages whose identifiers are loggers (`log.Printf`, `slog.Info`, `zap.L()`, `logrus.WithField`). */
const LOGGING_PACKAGES = new Set([
  'log', 'log/slog', 'golang.org/x/exp/slog', 'go.uber.org/zap', 'github.com/sirupsen/logrus', 'github.com/Sirupsen/logrus',
  'github.com/rs/zerolog', 'github.com/rs/zerolog/log', 'github.com/golang/glog', 'k8s.io/klog', 'k8s.io/klog/v2',
  'github.com/go-kit/log', 'github.com/go-kit/kit/log', 'github.com/go-logr/logr', 'github.com/apex/log',
  'github.com/labstack/gommon/log', 'github.com/charmbracelet/log', 'github.com/hashicorp/go-hclog',
]);

/** Level methods of every common Go logger: `Info`, `Infof`, `Infow`, `InfoContext`, `Println`, `DPanic`. */
const LEVEL_METHOD = /^(?:Print|Debug|Info|Warn|Warning|Error|Fatal|Panic|DPanic|Trace|Notice|Critical|Log)(?:f|ln|w|S|Context|Ctx|Depth|Attrs)?$/;
/** Methods that attach key/value pairs to every later line (logrus, zap, slog, logr, hclog). */
const CONTEXT_METHODS = new Set(['With', 'WithField', 'WithFields', 'WithValues', 'WithGroup', 'Named']);
/** zerolog's typed fields: `log.Info().Str("token", t).Msg("…")`. */
const FIELD_METHODS = new Set(['Str', 'Interface', 'Any', 'Stringer', 'Bytes', 'Strs', 'RawJSON']);
const FMT_PRINT = new Set(['Print', 'Printf', 'Println', 'Fprint', 'Fprintf', 'Fprintln']);
const FMT_SPRINT = new Set(['Sprint', 'Sprintf', 'Sprintln']);
/** Field constructors (`zap.String`, `slog.Any`) and zerolog fields whose value may be any string. */
const STRING_FIELDS = new Set(['String', 'Any', 'Reflect', 'Str', 'Interface']);
/** Lookups by a string key that return the value itself: headers, forms, query strings, settings, the environment. */
const LOOKUPS = new Set(['Get', 'GetString', 'Getenv', 'FormValue', 'PostFormValue', 'GetHeader', 'Query', 'PostForm', 'Param']);
/** Printf verbs a string satisfies, so `"[REDACTED]"` passes `go vet`. */
const STRING_VERBS = new Set(['s', 'v', 'q', 'x', 'X']);

function packageOf(node: Node | null | undefined, context: RuleContext): string | undefined {
  if (node?.type !== 'identifier' && node?.type !== 'package_identifier') return undefined;
  return goImports(context).byName.get(node.text);
}

function selectorParts(node: Node | null | undefined): { operand: Node; field: string } | undefined {
  if (node?.type !== 'selector_expression') return undefined;
  const operand = node.childForFieldName('operand');
  const field = node.childForFieldName('field')?.text;
  return operand && field ? { operand, field } : undefined;
}

/** Whether a written type comes from a logging package: `*slog.Logger`, `zap.SugaredLogger`, `logr.Logger`. */
function isLoggerType(type: Node | null | undefined, context: RuleContext): boolean {
  let current = type;
  while (current?.type === 'pointer_type') current = current.namedChildren[0];
  if (current?.type !== 'qualified_type') return false;
  const path = packageOf(current.childForFieldName('package'), context);
  return path !== undefined && LOGGING_PACKAGES.has(path);
}

/**
 * Names the file gives loggers whatever they are called (`l *slog.Logger`, a struct field
 * `lg *zap.Logger`, `l := logrus.New()`), by the type written or the package that made them.
 */
function loggerVariables(context: RuleContext): ReadonlySet<string> {
  return context.memo('logged-secret:go-loggers', () => {
    const names = new Set<string>();
    for (const declaration of factNodesOfType(context, ['parameter_declaration', 'field_declaration', 'var_spec', 'short_var_declaration'])) {
      const type = declaration.childForFieldName('type');
      const value = declaration.type === 'short_var_declaration' ? declaration.childForFieldName('right')?.namedChildren[0] : declaration.childForFieldName('value')?.namedChildren[0];
      const made = value?.type === 'call_expression' && isLogger(selectorParts(value.childForFieldName('function'))?.operand ?? null, context, false);
      if (!isLoggerType(type, context) && !made) continue;
      const left = declaration.type === 'short_var_declaration' ? declaration.childForFieldName('left')?.namedChildren ?? [] : declaration.childrenForFieldName('name');
      // `l, err := zap.NewProduction()`: the logger is the first name.
      for (const name of made && !isLoggerType(type, context) ? left.slice(0, 1) : left) if (name.text !== '_') names.add(name.text);
    }
    return names;
  });
}

/** A logger by name, type or import: `log`, `slog`, `logger`, `s.authLogger`, `zap.L()`, `logger.With(…)`, `l *slog.Logger`. */
function isLogger(node: Node | null, context: RuleContext, byDeclaration = true): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'identifier': {
      const path = packageOf(node, context);
      if (path !== undefined) return LOGGING_PACKAGES.has(path);
      return isLoggerName(node.text) || (byDeclaration && loggerVariables(context).has(node.text));
    }
    case 'selector_expression': {
      const field = node.childForFieldName('field')?.text ?? '';
      return isLoggerName(field) || (byDeclaration && loggerVariables(context).has(field));
    }
    case 'call_expression': {
      // `logger.With(…)`, `zap.L()`, `c.Logger()`.
      const selector = selectorParts(node.childForFieldName('function'));
      return selector !== undefined && (isLoggerName(selector.field) || isLogger(selector.operand, context, byDeclaration));
    }
    case 'parenthesized_expression':
      return isLogger(node.namedChildren[0] ?? null, context, byDeclaration);
    default:
      return false;
  }
}

interface PathValue {
  name: string;
  last: string;
}

/** A variable or field path used as is (`token`, `cfg.DBPassword`, `*p.Secret`); not a call on it. */
function asPathValue(node: Node): PathValue | undefined {
  let current = node;
  while ((current.type === 'unary_expression' && ['&', '*'].includes(current.childForFieldName('operator')?.text ?? '')) || current.type === 'parenthesized_expression') {
    const inner = current.childForFieldName('operand') ?? current.namedChildren[0];
    if (!inner) return undefined;
    current = inner;
  }
  // `[]byte(token)` and `string(token)` convert the secret without hiding it.
  if (current.type === 'type_conversion_expression') {
    const operand = current.childForFieldName('operand');
    return operand ? asPathValue(operand) : undefined;
  }
  if (current.type === 'call_expression' && current.childForFieldName('function')?.text === 'string') {
    const [operand] = arguments_(current.childForFieldName('arguments'));
    return operand ? asPathValue(operand) : undefined;
  }
  if (current.type === 'identifier') return { name: current.text, last: current.text };
  // `r.Header.Get("Authorization")`, `os.Getenv("DB_PASSWORD")`, `r.FormValue("password")`
  if (current.type === 'call_expression') {
    const selector = selectorParts(current.childForFieldName('function'));
    const [key, ...rest] = arguments_(current.childForFieldName('arguments'));
    const name = keyOf(key);
    if (!selector || !LOOKUPS.has(selector.field) || rest.length > 0 || name === undefined || !/^[\w.()]{1,40}$/.test(selector.operand.text)) return undefined;
    return { name: `${selector.operand.text}.${selector.field}("${name}")`, last: name };
  }
  // `cfg["password"]`
  if (current.type === 'index_expression') {
    const key = stringContent(current.childForFieldName('index') ?? undefined);
    const base = current.childForFieldName('operand');
    const head = base ? asPathValue(base) : undefined;
    return key !== undefined && head && /^[A-Za-z_][\w.-]{0,63}$/.test(key) ? { name: `${head.name}.${key}`, last: key } : undefined;
  }
  if (current.type === 'selector_expression') {
    const parts: string[] = [];
    let cursor: Node | null = current;
    while (cursor?.type === 'selector_expression') {
      parts.unshift(cursor.childForFieldName('field')?.text ?? '');
      cursor = cursor.childForFieldName('operand');
    }
    if (cursor?.type !== 'identifier') return undefined;
    parts.unshift(cursor.text);
    return { name: parts.join('.'), last: parts[parts.length - 1]! };
  }
  return undefined;
}

function isLiteral(node: Node): boolean {
  return ['interpreted_string_literal', 'raw_string_literal', 'int_literal', 'float_literal', 'rune_literal', 'true', 'false', 'nil', 'iota'].includes(node.type);
}

function stringContent(node: Node | undefined): string | undefined {
  if (node?.type === 'interpreted_string_literal' || node?.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/** A string argument used as a key: `"password"`, `"token:"`, `"api_key="`. */
function keyOf(node: Node | undefined): string | undefined {
  const content = stringContent(node)?.trim().replace(/\s*[:=]$/, '');
  return content !== undefined && /^[A-Za-z_][\w.-]{0,63}$/.test(content) ? content : undefined;
}

function arguments_(args: Node | null): Node[] {
  return args?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
}

/**
 * The verb each argument of a Printf-style format meets, or undefined when the format is not a
 * plain literal (explicit indexes, `*` widths) and verbs cannot be matched to arguments.
 */
function formatVerbs(format: Node | undefined): string[] | undefined {
  const text = stringContent(format);
  if (text === undefined) return undefined;
  const verbs: string[] = [];
  for (const match of text.matchAll(/%([-+# 0]*)(\[\d+\])?(\*|\d+)?(?:\.(\*|\d+))?(.|$)/g)) {
    if (match[5] === '%') continue;
    if (match[2] || match[3] === '*' || match[4] === '*') return undefined;
    verbs.push(match[5] ?? '');
  }
  return verbs;
}

class Collector {
  readonly leaks: Leak[] = [];
  constructor(private readonly context: RuleContext) {}

  /** One argument printed as is; `replaceable` says whether `"[REDACTED]"` fits where it stands. */
  value(node: Node, replaceable: boolean): void {
    const { context } = this;
    if (node.type === 'binary_expression' && node.childForFieldName('operator')?.text === '+') {
      for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) if (side) this.value(side, replaceable);
      return;
    }
    if (node.type === 'call_expression' && !asPathValue(node)) {
      this.call(node);
      return;
    }
    if (node.type === 'composite_literal') {
      this.composite(node);
      return;
    }
    const path = asPathValue(node);
    if (path && isSecretName(path.last, context)) this.push(node, path.name, false, replaceable);
  }

  /** The value under a key: flagged when secret-named itself, or when the key is and the value is a plain variable. */
  keyed(key: string, value: Node, replaceable: boolean): void {
    const path = asPathValue(value);
    if (path && isSecretName(path.last, this.context)) this.push(value, path.name, false, replaceable);
    else if (path && isSecretName(key, this.context) && !describesSecret(path.last, this.context)) this.push(value, key, true, replaceable);
    else if (!path && !isLiteral(value)) this.value(value, replaceable);
  }

  /** Arguments as a key/value list (slog, zap's sugared `Infow`, `With`): `"password", pw`. */
  pairs(args: readonly Node[], from: number, replaceable: boolean): void {
    for (let index = 0; index < args.length; index++) {
      const arg = args[index]!;
      const key = index >= from ? keyOf(arg) : undefined;
      const value = args[index + 1];
      if (key !== undefined && value) {
        this.keyed(key, value, replaceable);
        index++;
      } else if (!isLiteral(arg)) {
        this.value(arg, replaceable);
      }
    }
  }

  /** A Printf-style format and its arguments; the fix applies where the verb takes a string. */
  formatted(args: readonly Node[], formatIndex: number): void {
    const verbs = formatVerbs(args[formatIndex]);
    args.slice(formatIndex + 1).forEach((arg, index) => {
      const verb = verbs?.[index];
      this.value(arg, verb !== undefined && STRING_VERBS.has(verb));
    });
  }

  /** A call inside a logging call's arguments: field constructors, `fmt.Sprintf`. */
  call(node: Node): void {
    const selector = selectorParts(node.childForFieldName('function'));
    if (!selector) return;
    const args = arguments_(node.childForFieldName('arguments'));
    const path = packageOf(selector.operand, this.context);
    if (path === 'fmt' && FMT_SPRINT.has(selector.field)) {
      if (selector.field === 'Sprintf') this.formatted(args, 0);
      else args.forEach((arg) => this.value(arg, true));
      return;
    }
    // `zap.String("token", t)`, `slog.Any("password", p)`, `slog.Group("auth", "password", p)`.
    if (path !== undefined && LOGGING_PACKAGES.has(path)) {
      const key = keyOf(args[0]);
      if (selector.field === 'Group') this.pairs(args, 1, true);
      else if (key !== undefined && args.length === 2) this.keyed(key, args[1]!, STRING_FIELDS.has(selector.field));
    }
  }

  /** `logrus.Fields{"password": p}`, `map[string]any{"token": t}`. */
  composite(node: Node): void {
    const type = node.childForFieldName('type');
    const replaceable = /(^|\.)Fields$|^map\[string\](?:string|any|interface\{\})$/.test(type?.text.replace(/\s+/g, '') ?? '');
    for (const element of node.childForFieldName('body')?.namedChildren ?? []) {
      if (element.type !== 'keyed_element') continue;
      const [keyElement, valueElement] = element.namedChildren;
      const key = keyOf(keyElement?.namedChildren[0]);
      const value = valueElement?.namedChildren[0];
      if (key !== undefined && value) this.keyed(key, value, replaceable);
    }
  }

  private push(node: Node, name: string, byKey: boolean, replaceable: boolean): void {
    this.leaks.push({ start: node.startIndex, end: node.endIndex, name, byKey, replacement: replaceable ? `"${REDACTED}"` : undefined });
  }
}

function isStandardStream(node: Node | undefined, context: RuleContext): boolean {
  const selector = selectorParts(node);
  return selector !== undefined && packageOf(selector.operand, context) === 'os' && (selector.field === 'Stdout' || selector.field === 'Stderr');
}

function loggerLabel(receiver: Node, method: string): string {
  const text = receiver.text;
  return /^[\w.()]{1,40}$/.test(text) ? `${text}.${method}` : `….${method}`;
}

function check(call: Node, context: RuleContext): void {
  const selector = selectorParts(call.childForFieldName('function'));
  if (!selector) return;
  const { operand, field: method } = selector;
  const args = arguments_(call.childForFieldName('arguments'));
  const collector = new Collector(context);
  if (packageOf(operand, context) === 'fmt') {
    if (!FMT_PRINT.has(method)) return;
    // `fmt.Fprintf(w, …)` writes a response, a file or a buffer unless `w` is stdout or stderr.
    const printed = method.startsWith('F') ? args.slice(1) : args;
    if (method.startsWith('F') && !isStandardStream(args[0], context)) return;
    if (method.endsWith('f')) collector.formatted(printed, 0);
    else collector.pairs(printed, 0, true);
  } else if (isLogger(operand, context)) {
    if (CONTEXT_METHODS.has(method)) {
      // `WithFields(logrus.Fields{…})`, `With("token", t)`, `WithField("password", p)`.
      collector.pairs(args, 0, true);
    } else if (FIELD_METHODS.has(method) && operand.type !== 'identifier') {
      const key = keyOf(args[0]);
      if (key !== undefined && args[1]) collector.keyed(key, args[1], STRING_FIELDS.has(method));
    } else if (method === 'Msgf' || method === 'Msg') {
      // zerolog's message ends the chain: `log.Info().Msgf("token %s", t)`.
      if (method === 'Msgf') collector.formatted(args, 0);
      else collector.pairs(args, 0, true);
    } else if (method === 'Log' && args.length > 0) {
      // go-kit's `Log(keyvals...)` is all pairs; slog's `Log(ctx, level, msg, args...)` has three first.
      collector.pairs(args, stringContent(args[0]) !== undefined ? 0 : 3, true);
    } else if (LEVEL_METHOD.test(method)) {
      // A context first (`InfoContext(ctx, msg, …)`), then the message or format, then arguments.
      const first = /Context|Ctx$/.test(method) ? 1 : 0;
      if (method.endsWith('f')) collector.formatted(args, first);
      else if (method.startsWith('Print')) collector.pairs(args, first, true);
      else collector.pairs(args, first + 1, true);
    } else {
      return;
    }
  } else {
    return;
  }
  const label = loggerLabel(operand, method);
  for (const leak of collector.leaks) reportLeak(leak, label, context);
}

export default defineLanguageRule({
  language: 'go',
  // Loggers are named like loggers or imported from a path that says so (`logrus`, `zap`, `slog`).
  prefilter: [prefilterFor('log|zap|sugar|fmt\\.f?print')],
  configuredPrefilter: secretWordsConfiguredPrefilter,
  query: `(call_expression function: (selector_expression field: (field_identifier)) arguments: (argument_list)) @call`,
  check({ captures }, context) {
    if (captures.call) check(captures.call, context);
  },
});
