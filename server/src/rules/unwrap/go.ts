import type { Node } from 'web-tree-sitter';
import { defineLanguageRule, type RuleContext } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/finding';
import { fix, insertAt, replaceNode, replaceRange } from '../../engine/fix';
import { isField, memoPer, nodesSpelled } from '../shared/facts';
import {
  calleeLabel,
  declaredNames,
  endOfStatementLine,
  enclosingDeclaration,
  enclosingFunction,
  ensureImport,
  indentAt,
  isPackageCall,
  isVisibleFromOuterScope,
  namesDeclaredInBlockBefore,
  packagePath,
  resultTypes,
  returnsErrorLast,
  returnWithError,
} from '../shared/go';

/** Method names that return an error last on every standard type and by wide convention elsewhere. */
const ERROR_METHODS = new Set(
  (
    'Accept AcceptTCP Ack Begin BeginTx Bind Chdir Chmod Chown Close CloseRead CloseWrite CloseWithError CombinedOutput Commit ' +
    'Connect Create CreateFormField CreateFormFile CreatePart Decode DecodeElement DecodeString Decrypt Dial DialContext ' +
    'Do Encode EncodeElement EncodeToken Encrypt Err Exec ExecContext Execute ExecuteTemplate Flush FormFile Handshake ' +
    'HandshakeContext Kill Listen ListenAndServe ListenAndServeTLS Lstat Marshal MarshalBinary MarshalJSON MarshalText Mkdir ' +
    'MkdirAll Nack NextPart Output Parse ParseFiles ParseForm ParseGlob ParseMultipartForm Ping PingContext Post PostForm ' +
    'Prepare PrepareContext Publish Query QueryContext Read ReadAll ReadAt ReadByte ReadBytes ReadDir ReadFile ReadFrom ' +
    'ReadLine ReadMIMEHeader ReadRune ReadString Readdir Readdirnames Register Release Remove RemoveAll Rename Reset Rollback ' +
    'RoundTrip RowsAffected LastInsertId Run Save Seek Send Serve ServeTLS SetDeadline SetKeepAlive SetKeepAlivePeriod ' +
    'SetLinger SetNoDelay SetReadBuffer SetReadDeadline SetWriteBuffer SetWriteDeadline Shutdown Signal Start Stat Stop ' +
    'Subscribe Sync Truncate Unmarshal UnmarshalBinary UnmarshalJSON UnmarshalText Unsubscribe Validate Verify Wait Walk ' +
    'Write WriteAll WriteAt WriteByte WriteField WriteFile WriteMsgUDP WriteRune WriteString WriteTo WriteToUDP'
  ).split(' '),
);

/** `LoadOrStore` → load, or, store. */
function words(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split('_')
    .filter((word) => word.length > 0);
}

/** Whole names whose extra results are usually a flag or a value (`v, ok := m.Load(k)`), not an error. */
const FLAG_NAMES = new Set(['get', 'load', 'fetch', 'query', 'getenv']);

/** Leading words of such names: `IsValid`, `hasPrefix`, `lookupUser`, `Float64`. */
const FLAG_FIRST_WORDS = new Set(
  (
    'lookup find search has is exists exist contains peek pop shift take try cut next prev first last min max value values zone deadline clock rat ' +
    'size len handler recv trecv swap match ok attr param header cookie consume dequeue split position pos index cap bounds ' +
    'string offset password context with kind width type'
  ).split(' '),
);

/** Leading phrases of such names: `LoadOrStore`, `FromIncomingContext`, `StartSpan`. */
const FLAG_PHRASES = (
  'load_or_store load_and_delete lookup_env get_ok iso_week div_mod quo_rem set_string basic_auth form_value parse_bool ' +
  'decode_rune decode_last_rune unquote_char read_rune compare_and_swap scalar_mult scalar_base_mult from_context ' +
  'from_incoming_context from_outgoing_context from_error start_span file_line field_by_name method_by_name go_type'
).split(' ');

function looksLikeFlagOrValue(name: string): boolean {
  const parts = words(name);
  const joined = parts.join('_');
  if (FLAG_NAMES.has(joined) || FLAG_FIRST_WORDS.has(parts[0] ?? '') || /^(u?int|float)\d*$/.test(parts[0] ?? '')) return true;
  return FLAG_PHRASES.some((phrase) => joined === phrase || joined.startsWith(`${phrase}_`));
}

/** Leading words of helper names that usually do I/O or parsing, and so return an error last. */
const ERROR_VERBS = new Set(
  (
    'parse read write open create dial connect decode encode marshal unmarshal load save store send exec query fetch download ' +
    'upload compile render validate convert resolve new setup build do call request post put delete insert update upsert scan ' +
    'copy remove rename sign verify encrypt decrypt generate authenticate authorize login register process handle run start ' +
    'stop close flush commit rollback migrate apply import export extract serialize deserialize get'
  ).split(' '),
);

const BUILTINS = new Set(['append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover']);

type Verdict = 'error' | 'other' | undefined;

const ERROR_NAME = /^e$|err(or)?$/i;
const FLAG_NAME = /^(ok|found|exists?|present|loaded|valid|has[A-Z_]\w*|is[A-Z_]\w*|[a-z]\w*Ok|[a-z]\w*Found)$/;

function isStandardPath(path: string): boolean {
  return !path.split('/')[0]!.includes('.');
}

function verdictOfDeclaration(declaration: Node, count: number): Verdict {
  const types = resultTypes(declaration);
  if (types.length !== count) return undefined;
  return types[types.length - 1]!.text === 'error' ? 'error' : 'other';
}

const NAME_TYPES: ReadonlySet<string> = new Set(['identifier', 'field_identifier']);

/** The functions, methods and interface methods of this name the file declares, found through the name's occurrences. */
function declarationsNamed(name: string, context: RuleContext): { functions: Node[]; methods: Node[] } {
  return memoPer(context, 'go:declarations', name, () => {
    const found: { functions: Node[]; methods: Node[] } = { functions: [], methods: [] };
    for (const occurrence of nodesSpelled(context, name, NAME_TYPES)) {
      const parent = occurrence.parent;
      if (!parent || !isField(parent, 'name', occurrence)) continue;
      if (parent.type === 'function_declaration') found.functions.push(parent);
      else if (parent.type === 'method_declaration' || parent.type === 'method_elem') found.methods.push(parent);
    }
    return found;
  });
}

/** The assignment a call is the whole right side of: `v, err := c.Fetch(k)`. */
function assignmentOfCall(callee: Node): { call: Node; statement: Node } | undefined {
  const call = callee.parent;
  if (call?.type !== 'call_expression' || !isField(call, 'function', callee)) return undefined;
  const list = call.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || (statement?.type !== 'short_var_declaration' && statement?.type !== 'assignment_statement')) return undefined;
  return isField(statement, 'right', list) ? { call, statement } : undefined;
}

/**
 * What the file's own code says about the last result of callees named `name`: `v, err := c.Fetch(k)`
 * elsewhere says error, `v, ok := c.Fetch(k)` says a flag. Keyed by the result count and the callee
 * text, and by the count and `.Method`; found through the name's occurrences.
 */
function evidenceAbout(name: string, context: RuleContext): Map<string, Verdict> {
  return memoPer(context, 'go:resultEvidence', name, () => collectEvidence(name, context));
}

function collectEvidence(name: string, context: RuleContext): Map<string, Verdict> {
  const found = new Map<string, Verdict>();
  const note = (key: string, verdict: Verdict): void => {
    const previous = found.get(key);
    found.set(key, found.has(key) && previous !== verdict ? undefined : verdict);
  };
  for (const occurrence of nodesSpelled(context, name, NAME_TYPES)) {
    const selector = occurrence.type === 'field_identifier' ? occurrence.parent : undefined;
    if (selector && (selector.type !== 'selector_expression' || !isField(selector, 'field', occurrence))) continue;
    const callee = selector ?? occurrence;
    const assignment = assignmentOfCall(callee);
    if (!assignment) continue;
    const left = assignment.statement.childForFieldName('left')?.namedChildren ?? [];
    const right = assignment.statement.childForFieldName('right')?.namedChildren ?? [];
    const last = left[left.length - 1];
    if (right.length !== 1 || last?.type !== 'identifier') continue;
    const verdict: Verdict = ERROR_NAME.test(last.text) ? 'error' : left.length > 1 && FLAG_NAME.test(last.text) ? 'other' : undefined;
    if (!verdict) continue;
    note(`${left.length}:${callee.text}`, verdict);
    if (selector) note(`${left.length}:.${name}`, verdict);
  }
  return found;
}

/** Whether the value a call returns in its last position (of `count`) is an error, as far as the file tells. */
function discardsError(call: Node, count: number, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  const fromEvidence = (key: string): Verdict => evidenceAbout(key.slice(key.lastIndexOf('.') + 1).trim(), context).get(`${count}:${key}`);
  const byName = (name: string, local: boolean): boolean => {
    if (ERROR_METHODS.has(name) && !local) return true;
    if (count >= 3 || looksLikeFlagOrValue(name)) return false;
    // A single result thrown away with `_ =` is almost always an error: nothing else needs discarding.
    if (count === 1) return true;
    // Exported APIs return errors last by convention; unexported helpers return all sorts of pairs,
    // so only names that do I/O or parsing are taken as erroring.
    return /^[A-Z]/.test(name) || ERROR_VERBS.has(words(name)[0] ?? '');
  };
  const consistent = (nodes: readonly Node[]): Verdict => {
    const verdicts = new Set(nodes.map((node) => verdictOfDeclaration(node, count)));
    return verdicts.size === 1 ? [...verdicts][0] : undefined;
  };
  switch (callee.type) {
    case 'identifier': {
      const declared = declarationsNamed(callee.text, context).functions;
      if (declared.length > 0) return consistent(declared) === 'error';
      if (BUILTINS.has(callee.text)) return false;
      const known = fromEvidence(callee.text);
      return known ? known === 'error' : byName(callee.text, true);
    }
    case 'func_literal':
      return verdictOfDeclaration(callee, count) === 'error';
    case 'selector_expression': {
      const field = callee.childForFieldName('field')?.text ?? '';
      const path = packagePath(callee.childForFieldName('operand'), context);
      if (path !== undefined) {
        const listed = STANDARD_ERROR_FUNCTIONS[path];
        if (listed !== undefined) return ` ${listed} `.includes(` ${field} `);
        if (isStandardPath(path)) return byName(field, false);
        const known = fromEvidence(callee.text);
        return known ? known === 'error' : byName(field, false);
      }
      const declared = declarationsNamed(field, context).methods;
      const fromFile = declared.length > 0 ? consistent(declared) : undefined;
      if (fromFile) return fromFile === 'error';
      const known = fromEvidence(callee.text) ?? fromEvidence(`.${field}`);
      return known ? known === 'error' : byName(field, /^[a-z]/.test(field));
    }
    default:
      // Conversions (`(*T)(nil)`, `[]byte(s)`) and calls of call results.
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Writes that cannot fail or where a failure cannot be acted on

const IN_MEMORY_TYPE = /^\*?(bytes\.Buffer|strings\.Builder)$/;
const IN_MEMORY_CONSTRUCTOR = /^(bytes\.NewBuffer(String)?|(sha\d*|md5|sha512|sha256|sha1|hmac|fnv|crc32|crc64|adler32|maphash)\.New\w*)$/;
const BUFFER_NAME = /^(buf|buff|buffer|bb|sb|builder|b)$|[a-z](Buf|Buffer|Builder)$/;

interface WriterNames {
  inMemory: Set<string>;
  responses: Set<string>;
}

/** Names the file declares as in-memory buffers, builders and hashes, and as `http.ResponseWriter`s. */
function writerNames(context: RuleContext): WriterNames {
  return context.memo('go:writerNames', () => {
    const inMemory = new Set<string>();
    const responses = new Set<string>();
    const root = context.tree?.rootNode;
    for (const declaration of root?.descendantsOfType(['parameter_declaration', 'var_spec', 'field_declaration']) ?? []) {
      const type = declaration?.childForFieldName('type')?.text.replace(/\s+/g, '') ?? '';
      const names = declaration?.childrenForFieldName('name').map((name) => name.text) ?? [];
      if (IN_MEMORY_TYPE.test(type)) names.forEach((name) => inMemory.add(name));
      if (/^(\w+\.)?ResponseWriter$/.test(type)) names.forEach((name) => responses.add(name));
    }
    for (const statement of root?.descendantsOfType(['short_var_declaration', 'var_spec']) ?? []) {
      const left = statement?.type === 'var_spec' ? statement.childrenForFieldName('name') : statement?.childForFieldName('left')?.namedChildren ?? [];
      const right = statement?.childForFieldName(statement.type === 'var_spec' ? 'value' : 'right')?.namedChildren ?? [];
      right.forEach((value, index) => {
        const name = left[index]?.text;
        if (!value || !name) return;
        const text = value.text.replace(/\s+/g, '');
        const constructor = value.type === 'call_expression' ? value.childForFieldName('function')?.text ?? '' : '';
        if (/^&?(bytes\.Buffer|strings\.Builder)\{\}$|^new\((bytes\.Buffer|strings\.Builder)\)$/.test(text) || IN_MEMORY_CONSTRUCTOR.test(constructor)) {
          inMemory.add(name);
        }
      });
    }
    return { inMemory, responses };
  });
}

function lastSegment(node: Node): string {
  return node.type === 'selector_expression' ? node.childForFieldName('field')?.text ?? '' : node.text;
}

function isInMemory(target: Node | null | undefined, context: RuleContext): boolean {
  if (!target) return false;
  const operand = target.type === 'unary_expression' ? target.childForFieldName('operand') : target;
  if (!operand) return false;
  const name = lastSegment(operand);
  return writerNames(context).inMemory.has(name) || BUFFER_NAME.test(name);
}

function isResponse(target: Node | null | undefined, context: RuleContext): boolean {
  return target?.type === 'identifier' && writerNames(context).responses.has(target.text);
}

function isStandardStream(target: Node | null | undefined, context: RuleContext): boolean {
  return target?.type === 'selector_expression' && ['Stdout', 'Stderr'].includes(lastSegment(target)) && packagePath(target.childForFieldName('operand'), context) === 'os';
}

/**
 * Writes whose error is not worth a finding: printing to stdout/stderr, writing to an in-memory
 * buffer, builder or hash (they never fail), and writing an HTTP response (the client is gone;
 * nothing is left to do).
 */
function isExcludedWrite(call: Node, context: RuleContext): boolean {
  const callee = call.childForFieldName('function');
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (isPackageCall(call, context, 'fmt', ['Print', 'Printf', 'Println'])) return true;
  if (isPackageCall(call, context, 'math/rand')) return true;
  if (isPackageCall(call, context, 'fmt', ['Fprint', 'Fprintf', 'Fprintln']) || isPackageCall(call, context, 'io', ['WriteString', 'Copy'])) {
    return isStandardStream(first, context) || isInMemory(first, context) || isResponse(first, context);
  }
  if (callee?.type !== 'selector_expression' || packagePath(callee.childForFieldName('operand'), context) !== undefined) return false;
  const method = callee.childForFieldName('field')?.text ?? '';
  if (!/^(Write|WriteString|WriteByte|WriteRune|ReadFrom)$/.test(method)) return false;
  const receiver = callee.childForFieldName('operand');
  return isInMemory(receiver, context) || isResponse(receiver, context) || isStandardStream(receiver, context);
}

// ---------------------------------------------------------------------------------------------
// Fixes

/**
 * Edits that keep later statements of the block compiling once this one declares `err` there: a
 * later `err := g()` becomes `err = g()`. Undefined when the change could not be made safely (a later
 * `var err`, or later code that read an outer `err` and would now read ours).
 */
function laterDeclarationEdits(statement: Node): TextEdit[] | undefined {
  const outer = isVisibleFromOuterScope('err', statement);
  const declared = namesDeclaredInBlockBefore(statement);
  for (const name of declaredNames(statement)) declared.add(name);
  declared.add('err');
  const edits: TextEdit[] = [];
  for (let sibling = statement.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
    if (outer && (sibling.descendantsOfType('identifier').some((id) => id?.text === 'err') || sibling.descendantsOfType('return_statement').some((r) => r?.namedChildCount === 0))) {
      return undefined;
    }
    const names = declaredNames(sibling);
    if (sibling.type === 'short_var_declaration' && names.length > 0 && names.every((name) => name === '_' || declared.has(name))) {
      const operator = sibling.children.find((child) => child?.type === ':=');
      if (!operator) return undefined;
      edits.push(replaceNode(operator, '='));
    } else if (sibling.type !== 'short_var_declaration' && names.includes('err')) {
      return undefined;
    }
    names.forEach((name) => declared.add(name));
  }
  return edits;
}

/** Binds the discarded error to `err` and returns it when the enclosing function can. */
function discardFix(statement: Node, blank: Node, lefts: readonly Node[], call: Node, context: RuleContext): Fix | undefined {
  const fn = enclosingFunction(statement);
  const scoped = statement.type === 'var_spec' ? statement.parent?.type === 'var_spec_list' ? statement.parent.parent : statement.parent : statement;
  if (!fn || !returnsErrorLast(fn) || !scoped || scoped.parent?.type !== 'statement_list') return undefined;
  const eol = context.document.eol;
  const indent = indentAt(context, scoped);
  const body = `err != nil {${eol}${indent}\t${returnWithError(fn, 'err', context)}${eol}${indent}}`;
  if (statement.type === 'assignment_statement' && lefts.every((left) => left.text === '_')) {
    // `_ = f()` → `if err := f(); err != nil {…}`: the new err lives in the if, so it clashes with nothing.
    const names = [...lefts.slice(1).map(() => '_'), 'err'].join(', ');
    return fix('Return the error', [replaceRange(statement.startIndex, call.startIndex, `if ${names} := `), insertAt(statement.endIndex, `; ${body}`)]);
  }
  const edits: TextEdit[] = [replaceNode(blank, 'err'), insertAt(endOfStatementLine(context, scoped), `${eol}${indent}if ${body}`)];
  if (!namesDeclaredInBlockBefore(scoped).has('err')) {
    if (statement.type === 'var_spec' && lefts.some((left) => left.text === 'err')) return undefined;
    const later = laterDeclarationEdits(scoped);
    if (!later) return undefined;
    edits.push(...later);
    // `v, _ = f()` assigns to existing variables; err needs declaring first.
    if (statement.type === 'assignment_statement') edits.push(insertAt(scoped.startIndex, `var err error${eol}${indent}`));
  } else if (statement.type === 'var_spec') {
    return undefined;
  }
  return fix('Return the error', edits);
}

function functionLabel(node: Node): string {
  const declaration = enclosingDeclaration(node);
  return declaration?.childForFieldName('name')?.text ?? 'a function literal';
}

/** Whether `name` holds what `recover()` returned, so `panic(name)` re-raises a panic rather than starting one. */
function isRecovered(name: string, fn: Node): boolean {
  return fn.descendantsOfType(['short_var_declaration', 'assignment_statement']).some((statement) => {
    const left = statement?.childForFieldName('left')?.namedChildren ?? [];
    const right = statement?.childForFieldName('right')?.namedChildren ?? [];
    return left.some((id) => id?.text === name) && right.some((value) => value?.type === 'call_expression' && value.childForFieldName('function')?.text === 'recover');
  });
}

/** `panic(x)` → `return …, <x as an error>` in a function that returns an error. */
function panicFix(call: Node, argument: Node, context: RuleContext): Fix | undefined {
  const fn = enclosingFunction(call);
  const statement = call.parent;
  if (!fn || !returnsErrorLast(fn) || statement?.type !== 'expression_statement') return undefined;
  const edits: TextEdit[] = [];
  let error: string;
  if (argument.type === 'identifier' && /^err$|Err$|^e$/.test(argument.text)) {
    error = argument.text;
  } else if (isPackageCall(argument, context, 'fmt', ['Errorf']) || isPackageCall(argument, context, 'errors', ['New'])) {
    error = argument.text;
  } else if (isPackageCall(argument, context, 'fmt', ['Sprintf'])) {
    const fmt = argument.childForFieldName('function')!.childForFieldName('operand')!.text;
    error = `${fmt}.Errorf${argument.childForFieldName('arguments')!.text}`;
  } else if (argument.type === 'interpreted_string_literal' || argument.type === 'raw_string_literal') {
    const errors = ensureImport(context, 'errors');
    edits.push(...errors.edits);
    error = `${errors.name}.New(${argument.text})`;
  } else {
    const fmt = ensureImport(context, 'fmt');
    edits.push(...fmt.edits);
    error = `${fmt.name}.Errorf("%v", ${argument.text})`;
  }
  edits.push(replaceNode(call, returnWithError(fn, error, context)));
  return fix('Return an error instead of panicking', edits);
}

function checkPanic(call: Node, context: RuleContext): void {
  const declaration = enclosingDeclaration(call);
  // Package-level initialisers run at start-up, like init.
  if (!declaration) return;
  const name = declaration.childForFieldName('name')?.text ?? '';
  if (declaration.type === 'function_declaration' && (name === 'main' || name === 'init')) return;
  // `MustX` promises to panic: the caller chose a crash on bad input (regexp.MustCompile, template.Must).
  if (/^[Mm]ust([A-Z_]|$)/.test(name)) return;
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  const argument = args[0];
  if (args.length !== 1 || !argument) return;
  const fn = enclosingFunction(call);
  if (argument.type === 'identifier' && fn && isRecovered(argument.text, fn)) return;
  const fixes = [panicFix(call, argument, context)].filter((candidate): candidate is Fix => candidate !== undefined);
  context.report({ node: call.childForFieldName('function')!, messageId: 'goPanic', data: { function: functionLabel(call) }, fixes });
}

/**
 * Whether the statement cleans up on the way out with another error: `_ = tx.Rollback(); return nil, err`.
 * Only one error can be returned, and the first one is the one worth reporting.
 */
function isOnErrorPath(statement: Node): boolean {
  const scoped = statement.type === 'var_spec' ? statement.parent : statement;
  const fn = enclosingFunction(statement);
  if (!fn) return false;
  // `if err != nil { _ = conn.Close() }`: the error being handled is the one that matters.
  for (let node = statement.parent; node && node.id !== fn.id; node = node.parent) {
    const parent = node.parent;
    if (parent?.type === 'if_statement' && parent.childForFieldName('consequence')?.id === node.id && /\w*err\w*\s*!=\s*nil/i.test(parent.childForFieldName('condition')?.text ?? '')) return true;
  }
  if (!returnsErrorLast(fn)) return false;
  for (let sibling = scoped?.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
    if (sibling.type === 'return_statement') {
      const values = sibling.namedChildren[0]?.namedChildren ?? [];
      const last = values[values.length - 1];
      if (!last) return false;
      if (last.type === 'identifier') return last.text !== 'nil';
      if (last.type === 'selector_expression') return true;
      const callee = last.type === 'call_expression' ? last.childForFieldName('function')?.text ?? '' : '';
      return /(^|\.)(Errorf|New\w*Error|Wrap\w*|With\w*)$|^errors\.\w+$/.test(callee);
    }
    // More cleanup on the way out: other discards and plain calls (`cancel()`, `log.Printf(…)`).
    const cleanup = sibling.type === 'expression_statement' || sibling.type === 'comment' || (sibling.type === 'assignment_statement' && sibling.childForFieldName('left')?.text.replace(/[\s,_]/g, '') === '');
    if (!cleanup) return false;
  }
  return false;
}

function checkDiscard(statement: Node, call: Node, context: RuleContext): void {
  const lefts = statement.type === 'var_spec' ? statement.childrenForFieldName('name') : statement.childForFieldName('left')?.namedChildren.filter((n): n is Node => n !== null) ?? [];
  const blank = lefts[lefts.length - 1];
  if (!blank || blank.text !== '_') return;
  // `var _ = register(…)` at package level runs for its side effect, and `var _ I = (*T)(nil)` asserts a type.
  if (!enclosingFunction(statement)) return;
  if (!discardsError(call, lefts.length, context) || isExcludedWrite(call, context) || isOnErrorPath(statement)) return;
  const fixes = [discardFix(statement, blank, lefts, call, context)].filter((candidate): candidate is Fix => candidate !== undefined);
  context.report({ node: blank, messageId: 'goDiscardedError', data: { call: calleeLabel(call.childForFieldName('function')!) }, fixes });
}

/**
 * `_` as the last target of an assignment or declaration (`_ = f()`, `v, _ := f()`, `var _ T = f()`;
 * not `for _, v := range`), or a call of panic.
 */
const DISCARD_OR_PANIC = /(?:^|[\s,(])_(?:\s[^=\n]*)?:?=[^=]|\bpanic\s*\(/m;

export default defineLanguageRule({
  language: 'go',
  anchor: DISCARD_OR_PANIC,
  query: `
    (short_var_declaration
      left: (expression_list (identifier) @blank .)
      right: (expression_list . (call_expression) @call .)
      (#eq? @blank "_")) @discard
    (assignment_statement
      left: (expression_list (identifier) @blank .)
      operator: "="
      right: (expression_list . (call_expression) @call .)
      (#eq? @blank "_")) @discard
    (var_spec
      value: (expression_list . (call_expression) @call .)) @discard
    (call_expression
      function: (identifier) @panic
      (#eq? @panic "panic")) @panicCall
  `,
  check({ captures }, context) {
    const { discard, call, panicCall } = captures;
    if (panicCall) checkPanic(panicCall, context);
    else if (discard && call) checkDiscard(discard, call, context);
  },
});

/**
 * Exported functions of the standard library whose last result is `error`, by package (generated from
 * the Go 1.19 sources, test and internal packages left out). A function of a listed package that is
 * not named here returns no error last: `os.LookupEnv`, `strings.Cut`, `context.WithTimeout`.
 */
const STANDARD_ERROR_FUNCTIONS: Record<string, string> = {
  'archive/tar': 'FileInfoHeader',
  'archive/zip': 'FileInfoHeader NewReader OpenReader',
  'bufio': 'ScanBytes ScanLines ScanRunes ScanWords',
  'bytes': '',
  'compress/bzip2': '',
  'compress/flate': 'NewWriter NewWriterDict',
  'compress/gzip': 'NewReader NewWriterLevel',
  'compress/lzw': '',
  'compress/zlib': 'NewReader NewReaderDict NewWriterLevel NewWriterLevelDict',
  'container/heap': '',
  'container/list': '',
  'container/ring': '',
  'context': '',
  'crypto': '',
  'crypto/aes': 'NewCipher',
  'crypto/cipher': 'NewGCM NewGCMWithNonceSize NewGCMWithTagSize',
  'crypto/des': 'NewCipher NewTripleDESCipher',
  'crypto/dsa': 'GenerateKey GenerateParameters Sign',
  'crypto/ecdsa': 'GenerateKey Sign SignASN1',
  'crypto/ed25519': 'GenerateKey',
  'crypto/elliptic': 'GenerateKey',
  'crypto/hmac': '',
  'crypto/md5': '',
  'crypto/rand': 'Int Prime Read',
  'crypto/rc4': 'NewCipher',
  'crypto/rsa':
    'DecryptOAEP DecryptPKCS1v15 DecryptPKCS1v15SessionKey EncryptOAEP EncryptPKCS1v15 GenerateKey ' +
    'GenerateMultiPrimeKey SignPKCS1v15 SignPSS VerifyPKCS1v15 VerifyPSS',
  'crypto/sha1': '',
  'crypto/sha256': '',
  'crypto/sha512': '',
  'crypto/subtle': '',
  'crypto/tls': 'Dial DialWithDialer Listen LoadX509KeyPair X509KeyPair',
  'crypto/x509':
    'CreateCertificate CreateCertificateRequest CreateRevocationList DecryptPEMBlock EncryptPEMBlock ' +
    'MarshalECPrivateKey MarshalPKCS8PrivateKey MarshalPKIXPublicKey ParseCRL ParseCertificate ' +
    'ParseCertificateRequest ParseCertificates ParseDERCRL ParseECPrivateKey ParsePKCS1PrivateKey ' +
    'ParsePKCS1PublicKey ParsePKCS8PrivateKey ParsePKIXPublicKey ParseRevocationList SystemCertPool',
  'database/sql': 'Open',
  'database/sql/driver': '',
  'encoding/ascii85': 'Decode',
  'encoding/asn1': 'Marshal MarshalWithParams Unmarshal UnmarshalWithParams',
  'encoding/base32': '',
  'encoding/base64': '',
  'encoding/binary': 'Read ReadUvarint ReadVarint Write',
  'encoding/csv': '',
  'encoding/gob': '',
  'encoding/hex': 'Decode DecodeString',
  'encoding/json': 'Compact Indent Marshal MarshalIndent Unmarshal',
  'encoding/pem': 'Encode',
  'encoding/xml': 'EscapeText Marshal MarshalIndent Unmarshal',
  'errors': 'New Unwrap',
  'expvar': '',
  'flag': 'Set',
  'fmt': 'Errorf Fprint Fprintf Fprintln Fscan Fscanf Fscanln Print Printf Println Scan Scanf Scanln Sscan Sscanf Sscanln',
  'hash/adler32': '',
  'hash/crc32': '',
  'hash/crc64': '',
  'hash/fnv': '',
  'hash/maphash': '',
  'html': '',
  'html/template': 'ParseFS ParseFiles ParseGlob',
  'index/suffixarray': '',
  'io': 'Copy CopyBuffer CopyN ReadAll ReadAtLeast ReadFull WriteString',
  'io/fs': 'Glob ReadDir ReadFile Stat Sub WalkDir',
  'io/ioutil': 'ReadAll ReadDir ReadFile TempDir TempFile WriteFile',
  'log': 'Output',
  'log/syslog': 'Dial New NewLogger',
  'math': '',
  'math/big': 'ParseFloat',
  'math/bits': '',
  'math/cmplx': '',
  'math/rand': 'Read',
  'mime': 'AddExtensionType ExtensionsByType ParseMediaType',
  'mime/multipart': '',
  'mime/quotedprintable': '',
  'net':
    'Dial DialIP DialTCP DialTimeout DialUDP DialUnix FileConn FileListener FilePacketConn InterfaceAddrs ' +
    'InterfaceByIndex InterfaceByName Interfaces Listen ListenIP ListenMulticastUDP ListenPacket ' +
    'ListenTCP ListenUDP ListenUnix ListenUnixgram LookupAddr LookupCNAME LookupHost LookupIP LookupMX ' +
    'LookupNS LookupPort LookupSRV LookupTXT ParseCIDR ParseMAC ResolveIPAddr ResolveTCPAddr ' +
    'ResolveUDPAddr ResolveUnixAddr SplitHostPort',
  'net/http':
    'Get Head ListenAndServe ListenAndServeTLS NewRequest NewRequestWithContext ParseTime Post PostForm ' +
    'ProxyFromEnvironment ReadRequest ReadResponse Serve ServeTLS',
  'net/http/cgi': 'Request RequestFromMap Serve',
  'net/http/cookiejar': 'New',
  'net/http/fcgi': 'Serve',
  'net/http/httptest': '',
  'net/http/httptrace': '',
  'net/http/httputil': 'DumpRequest DumpRequestOut DumpResponse',
  'net/http/pprof': '',
  'net/mail': 'ParseAddress ParseAddressList ParseDate ReadMessage',
  'net/netip': 'ParseAddr ParseAddrPort ParsePrefix',
  'net/rpc': 'Dial DialHTTP DialHTTPPath Register RegisterName ServeRequest',
  'net/rpc/jsonrpc': 'Dial',
  'net/smtp': 'Dial NewClient SendMail',
  'net/textproto': 'Dial',
  'net/url': 'JoinPath Parse ParseQuery ParseRequestURI PathUnescape QueryUnescape',
  'os':
    'Chdir Chmod Chown Chtimes Create CreateTemp Executable FindProcess Getgroups Getwd Hostname Lchown ' +
    'Link Lstat Mkdir MkdirAll MkdirTemp NewSyscallError Open OpenFile Pipe ReadDir ReadFile Readlink ' +
    'Remove RemoveAll Rename Setenv StartProcess Stat Symlink Truncate Unsetenv UserCacheDir ' +
    'UserConfigDir UserHomeDir WriteFile',
  'os/exec': 'LookPath',
  'os/signal': '',
  'os/user': 'Current Lookup LookupGroup LookupGroupId LookupId',
  'path': 'Match',
  'path/filepath': 'Abs EvalSymlinks Glob Match Rel Walk WalkDir',
  'reflect': '',
  'regexp': 'Compile CompilePOSIX Match MatchReader MatchString',
  'regexp/syntax': 'Compile Parse',
  'runtime': 'StartTrace',
  'runtime/debug': 'ParseBuildInfo',
  'runtime/metrics': '',
  'runtime/pprof': 'StartCPUProfile WriteHeapProfile',
  'runtime/trace': 'Start',
  'sort': '',
  'strconv': 'Atoi ParseBool ParseComplex ParseFloat ParseInt ParseUint QuotedPrefix Unquote UnquoteChar',
  'strings': '',
  'sync': '',
  'sync/atomic': '',
  'text/scanner': '',
  'text/tabwriter': '',
  'text/template': 'ParseFS ParseFiles ParseGlob',
  'text/template/parse': 'Parse',
  'time': 'LoadLocation LoadLocationFromTZData Parse ParseDuration ParseInLocation',
  'unicode': '',
  'unicode/utf16': '',
  'unicode/utf8': '',
  'log/slog': '',
};
