import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, replaceNode } from '../../engine/fix';
import {
  addArgument,
  callArguments,
  clientKindOf,
  compact,
  hasDefaultTimeout,
  isNone,
  keywordValue,
  qualifiedName,
  type CallArguments,
} from '../shared/python';

/** The request functions of `requests` and the same methods of a `requests.Session`. */
const REQUEST_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/** Functions whose timeout can also be passed by position, with its index. */
const POSITIONAL_TIMEOUT = new Map([
  ['urllib.request.urlopen', 2],
  ['socket.create_connection', 1],
]);

type TimeoutState = { state: 'set' | 'unknown' | 'missing' } | { state: 'none'; value: Node };

/** A `None` inside `timeout=(3.05, None)` also waits forever, for the connect or the read. */
function noneIn(value: Node): Node | undefined {
  if (isNone(value)) return value;
  if (value.type === 'tuple' || value.type === 'parenthesized_expression') return value.namedChildren.find(isNone);
  return undefined;
}

function timeoutOf(args: CallArguments, position?: number): TimeoutState {
  const keyword = keywordValue(args.keywords.get('timeout'));
  const positional = position === undefined ? undefined : args.positional[position];
  const value = keyword ?? positional;
  if (value) {
    const none = noneIn(value);
    return none ? { state: 'none', value: none } : { state: 'set' };
  }
  // `**kwargs` may carry the timeout, and so may `*args` where the API takes it by position.
  if (args.dictionarySplat || (position !== undefined && args.listSplat)) return { state: 'unknown' };
  return { state: 'missing' };
}

type Target = { kind: 'requires' | 'noneOnly'; position?: number; subject: string };

/** What the call is, and whether a missing timeout (or only an explicit `None`) is the problem. */
function targetOf(callee: Node, context: RuleContext): Target | undefined {
  const subject = `\`${compact(callee.text)}\``;
  const name = qualifiedName(callee, context);
  if (name !== undefined) {
    const [module, ...rest] = name.split('.');
    const last = rest[rest.length - 1] ?? '';
    if (module === 'requests' && REQUEST_METHODS.has(last) && (rest.length === 1 || (rest.length === 2 && rest[0] === 'api'))) {
      return { kind: 'requires', subject };
    }
    for (const [qualified, position] of POSITIONAL_TIMEOUT) {
      if (name === qualified || name.endsWith(`.${qualified}`)) return { kind: 'requires', position, subject };
    }
    // httpx applies a 5 s default; only an explicit `None` removes it.
    if (module === 'httpx') return { kind: 'noneOnly', subject };
    if (module === 'requests') return { kind: 'noneOnly', subject };
  }
  if (callee.type !== 'attribute') return undefined;
  const receiver = callee.childForFieldName('object');
  const method = callee.childForFieldName('attribute')?.text ?? '';
  if (!receiver) return undefined;
  const client = clientKindOf(receiver, context);
  if (client === 'requests' && REQUEST_METHODS.has(method)) {
    return hasDefaultTimeout(receiver, context) ? { kind: 'noneOnly', subject } : { kind: 'requires', subject };
  }
  if (client === 'requests' || client === 'httpx') return { kind: 'noneOnly', subject };
  return undefined;
}

export default defineLanguageRule({
  language: 'python',
  // `requests` is also an English word: require it imported or used as a module.
  prefilter: [/\bimport\b[^\n]*\brequests\b|\brequests\b[^\n]*\bimport\b|\brequests\s*\.\s*[A-Za-z]/, 'urlopen', 'create_connection', 'httpx'],
  query: '(call function: [(identifier) (attribute)] @callee arguments: (argument_list) @args)',
  check({ captures }, context) {
    const { callee, args } = captures;
    if (!callee || !args) return;
    const target = targetOf(callee, context);
    if (!target) return;
    const timeout = timeoutOf(callArguments(args), target.position);
    const seconds = context.config.timeoutSeconds;
    if (timeout.state === 'none') {
      const keyword = timeout.value.parent?.type === 'keyword_argument' ? timeout.value.parent : undefined;
      context.report({
        node: keyword ?? timeout.value,
        messageId: 'explicitNone',
        fixes: [fix(`Wait at most ${seconds} s`, [replaceNode(timeout.value, String(seconds))])],
      });
    } else if (timeout.state === 'missing' && target.kind === 'requires') {
      context.report({
        node: callee,
        messageId: 'client',
        data: { subject: target.subject },
        fixes: [fix(`Add timeout=${seconds}`, [addArgument(args, `timeout=${seconds}`, context)])],
      });
    }
  },
});
