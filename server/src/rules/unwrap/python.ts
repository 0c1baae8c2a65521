import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../engine/finding';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import { fix, insertAt, replaceNode } from '../../engine/fix';
import { compact, enclosingFunction, importModule, statementsOf } from '../shared/python';

/** Python's counterpart of a discarded error: a handler that catches everything and does nothing. */

const CATCH_ALL = new Set(['Exception', 'BaseException', 'builtins.Exception', 'builtins.BaseException']);

/** The exception types an `except` clause names; empty for a bare `except:`. */
function caughtTypes(clause: Node): Node[] {
  let value = clause.childForFieldName('value');
  if (value?.type === 'as_pattern') value = value.namedChildren[0] ?? null;
  if (!value) return [];
  while (value.type === 'parenthesized_expression' && value.namedChildren.length === 1) value = value.namedChildren[0]!;
  return value.type === 'tuple' ? value.namedChildren.filter((child) => child.type !== 'comment') : [value];
}

function catchesEverything(clause: Node): boolean {
  const types = caughtTypes(clause);
  return types.length === 0 || types.some((type) => CATCH_ALL.has(type.text.replace(/\s+/g, '')));
}

function isEmptyStatement(statement: Node): boolean {
  if (statement.type === 'pass_statement') return true;
  return statement.type === 'expression_statement' && statement.namedChildren.length === 1 && statement.namedChildren[0]!.type === 'ellipsis';
}

/** The handler's placeholder (`pass`, `...`) or `continue`, when that is all the handler does. */
function swallowingStatement(clause: Node): Node | undefined {
  const block = clause.namedChildren.find((child) => child.type === 'block');
  const statements = statementsOf(block);
  if (statements.length === 0) return undefined;
  if (statements.every(isEmptyStatement)) return statements[0];
  if (statements.length === 1 && statements[0]!.type === 'continue_statement') return statements[0];
  return undefined;
}

/**
 * Handlers where swallowing is deliberate: `__del__` (runs during garbage collection and interpreter
 * shutdown, where raising only prints "Exception ignored in …"), best-effort cleanup, and a
 * fallback inside another handler or a `finally`.
 */
function isDeliberate(clause: Node): boolean {
  const name = enclosingFunction(clause)?.childForFieldName('name')?.text;
  if (name === '__del__') return true;
  const tryStatement = clause.parent;
  return tryStatement !== null && (isCleanup(tryStatement) || isInsideErrorHandling(tryStatement));
}

/** Releasing a resource that may already be gone: `conn.close()`, `os.unlink(path)`, `proc.kill()`. */
const CLEANUP_METHODS = new Set([
  'close', 'aclose', 'shutdown', 'kill', 'terminate', 'unlink', 'rmdir', 'rmtree',
  'release', 'cancel', 'disconnect', 'dispose', 'cleanup', 'stop', 'unregister', 'detach',
]);

/** `remove` is cleanup on the file system only: `store.remove(order)` failing silently loses data. */
const CLEANUP_FUNCTIONS = new Set(['os.remove']);

/**
 * Best-effort cleanup: every statement of the `try` body releases something. A failure to close
 * what is being thrown away anyway has nothing to report.
 */
function isCleanup(tryStatement: Node): boolean {
  const statements = statementsOf(tryStatement.childForFieldName('body'));
  return (
    statements.length > 0 &&
    statements.every((statement) => {
      let expression: Node | undefined = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      if (expression?.type === 'await') expression = expression.namedChildren[0];
      const callee = expression?.type === 'call' ? expression.childForFieldName('function') : null;
      const name = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
      return name !== undefined && (CLEANUP_METHODS.has(name) || CLEANUP_FUNCTIONS.has(callee!.text));
    })
  );
}

/** A fallback while already handling an error or cleaning up in `finally`: the first error is the one that matters. */
function isInsideErrorHandling(tryStatement: Node): boolean {
  for (let current = tryStatement.parent; current; current = current.parent) {
    if (current.type === 'except_clause' || current.type === 'finally_clause') return true;
    if (current.type === 'function_definition' || current.type === 'class_definition') return false;
  }
  return false;
}

/**
 * Another linter's acknowledgement of this very pattern, on the handler or the line above it:
 * `# noqa: E722`, `# noqa: BLE001`, `# nosec` (bandit B110), `# pylint: disable=broad-except`.
 */
const ACKNOWLEDGEMENT =
  /^#\s*(nosec\b|noqa\b(?!:)|noqa:[^#]*\b(E722|BLE001|S110|S112)\b|pylint:\s*disable=[^#]*\b(bare-except|broad-except|broad-exception-caught|W0702|W0703|W0718)\b)/i;

function isAcknowledged(clause: Node): boolean {
  const comments = clause.descendantsOfType('comment');
  const above = clause.previousSibling;
  if (above?.type === 'comment' && above.endPosition.row === clause.startPosition.row - 1) comments.push(above);
  return comments.some((comment) => ACKNOWLEDGEMENT.test(comment.text));
}

/** The `except …:` head, for the message and the reported range. */
function clauseHead(clause: Node): { text: string; end: number } {
  const colon = clause.children.find((child) => child.type === ':');
  const end = colon?.endIndex ?? clause.startIndex + 'except'.length;
  return { text: compact(clause.text.slice(0, end - clause.startIndex), 50), end };
}

/** The operation a one-statement `try` body performs, to name it in the log line: `self.cache.set`. */
function guardedOperation(clause: Node): string | undefined {
  const body = clause.parent?.type === 'try_statement' ? clause.parent.childForFieldName('body') : undefined;
  const statements = statementsOf(body);
  if (statements.length !== 1 || statements[0]!.type !== 'expression_statement') return undefined;
  let expression: Node | undefined = statements[0]!.namedChildren[0];
  if (expression?.type === 'assignment' || expression?.type === 'augmented_assignment') expression = expression.childForFieldName('right') ?? undefined;
  if (expression?.type === 'await') expression = expression.namedChildren[0];
  if (expression?.type !== 'call') return undefined;
  const callee = expression.childForFieldName('function')?.text ?? '';
  return /^[A-Za-z_][\w.]{0,40}$/.test(callee) ? callee : undefined;
}

interface ModuleLogging {
  /** A module-level logger (`logger = logging.getLogger(__name__)`) and where it is assigned. */
  logger?: { name: string; start: number };
  /** The name `logging` is imported under at module level, and where. */
  module?: { name: string; start: number };
}

const LOGGER_FACTORY = /(^|\.)(getLogger|get_logger|getChild)$/;

function moduleLogging(context: RuleContext): ModuleLogging {
  return context.memo('python:module-logging', () => {
    const found: ModuleLogging = {};
    for (const statement of context.tree!.rootNode.namedChildren) {
      if (statement.type === 'expression_statement' && !found.logger) {
        const assignment = statement.namedChildren[0];
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
        const right = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : null;
        const factory = right?.type === 'call' ? right.childForFieldName('function')?.text : undefined;
        if (left?.type === 'identifier' && factory !== undefined && LOGGER_FACTORY.test(factory)) found.logger = { name: left.text, start: statement.startIndex };
      }
      if (statement.type === 'import_statement' && !found.module) {
        for (const name of statement.childrenForFieldName('name')) {
          if (name.type === 'dotted_name' && name.text === 'logging') found.module = { name: 'logging', start: statement.startIndex };
          const alias = name.type === 'aliased_import' && name.childForFieldName('name')?.text === 'logging' ? name.childForFieldName('alias')?.text : undefined;
          if (alias) found.module = { name: alias, start: statement.startIndex };
        }
      }
    }
    return found;
  });
}

/**
 * What the fix logs with: the module's logger, else `logging.getLogger(__name__)`, adding
 * `import logging` when the module lacks it. Code at module level runs at import time, so there
 * the name must already be bound above the handler.
 */
function loggerFor(clause: Node, context: RuleContext): { expression: string; importEdit?: TextEdit } {
  const { logger, module } = moduleLogging(context);
  const inFunction = enclosingFunction(clause) !== undefined;
  const bound = (binding: { start: number } | undefined): boolean => binding !== undefined && (inFunction || binding.start < clause.startIndex);
  if (bound(logger)) return { expression: logger!.name };
  if (bound(module)) return { expression: `${module!.name}.getLogger(__name__)` };
  return { expression: 'logging.getLogger(__name__)', importEdit: importModule(context, 'logging') };
}

function loggingFix(clause: Node, statement: Node, context: RuleContext): ReturnType<typeof fix> {
  const logger = loggerFor(clause, context);
  const operation = guardedOperation(clause);
  const message = operation ? `${operation}() failed` : 'unexpected error ignored';
  const call = `${logger.expression}.exception(${JSON.stringify(message)})`;
  const edits: TextEdit[] = [];
  if (logger.importEdit) edits.push(logger.importEdit);
  if (statement.type === 'continue_statement') {
    const { document } = context;
    const sameLine = statement.startPosition.row === clause.startPosition.row;
    const separator = sameLine ? '; ' : `${document.eol}${document.indentOf(statement.startPosition.row)}`;
    edits.push(insertAt(statement.startIndex, `${call}${separator}`));
  } else {
    edits.push(replaceNode(statement, call));
  }
  return fix('Log the exception', edits);
}

/**
 * A broad handler (its types may span lines) whose body is only pass, ... or continue; the check
 * decides the details.
 */
const SILENT_HANDLER = /except\b(?:\s*|[^:]*Exception\b[^:]*):\s*(?:#[^\n]*\s*)*(?:pass\b|\.\.\.|continue\b)/;

export default defineLanguageRule({
  language: 'python',
  anchor: SILENT_HANDLER,
  query: '(except_clause) @clause',
  check({ captures }, context) {
    const { clause } = captures;
    if (!clause || !catchesEverything(clause) || isDeliberate(clause) || isAcknowledged(clause)) return;
    const statement = swallowingStatement(clause);
    if (!statement) return;
    const head = clauseHead(clause);
    context.report({
      start: clause.startIndex,
      end: head.end,
      messageId: statement.type === 'continue_statement' ? 'pythonSwallowedContinue' : 'pythonSwallowed',
      data: { clause: head.text, body: statement.type === 'pass_statement' ? 'pass' : '...' },
      fixes: [loggingFix(clause, statement, context)],
    });
  },
});
