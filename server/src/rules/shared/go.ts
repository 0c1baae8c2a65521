import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../../engine/finding';
import { insertAt, replaceNode } from '../../engine/fix';
import type { RuleContext } from '../../engine/rule';

/** Syntax helpers shared by the Go rules. Go has no types in the tree, so these read what the file says. */

// ---------------------------------------------------------------------------------------------
// Imports

export interface GoImports {
  /** Local package name → import path (`nethttp` → `net/http`); blank and dot imports are left out. */
  byName: ReadonlyMap<string, string>;
  /** Import path → the local name it is used under. */
  nameOf: ReadonlyMap<string, string>;
  declarations: readonly Node[];
}

/** The name a package is used under when its import has no explicit name. */
function defaultPackageName(path: string): string {
  const segments = path.split('/');
  let last = segments[segments.length - 1] ?? path;
  // `github.com/x/y/v2` is package y; `gopkg.in/yaml.v3` is package yaml.
  if (/^v\d+$/.test(last) && segments.length > 1) last = segments[segments.length - 2]!;
  return last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/-go$/, '').replace(/[-.]/g, '_');
}

export function goImports(context: RuleContext): GoImports {
  return context.memo('go:imports', () => {
    const byName = new Map<string, string>();
    const nameOf = new Map<string, string>();
    const declarations: Node[] = [];
    for (const declaration of context.tree?.rootNode.namedChildren ?? []) {
      if (declaration?.type !== 'import_declaration') continue;
      declarations.push(declaration);
      for (const spec of declaration.descendantsOfType('import_spec')) {
        const path = spec?.childForFieldName('path')?.text.slice(1, -1);
        if (!spec || !path) continue;
        const name = spec.childForFieldName('name')?.text ?? defaultPackageName(path);
        if (name === '_' || name === '.') continue;
        byName.set(name, path);
        if (!nameOf.has(path)) nameOf.set(path, name);
      }
    }
    return { byName, nameOf, declarations };
  });
}

/** The import path of a package identifier (`http` in `http.Get`), if the file imports one by that name. */
export function packagePath(operand: Node | null | undefined, context: RuleContext): string | undefined {
  if (!operand || (operand.type !== 'identifier' && operand.type !== 'package_identifier')) return undefined;
  return goImports(context).byName.get(operand.text);
}

/** Whether `node` is `pkg.Name` for the package at `path` and one of `names` (any name when omitted). */
export function isPackageMember(node: Node | null | undefined, context: RuleContext, path: string, names?: readonly string[]): boolean {
  if (node?.type !== 'selector_expression') return false;
  const field = node.childForFieldName('field')?.text;
  return field !== undefined && (!names || names.includes(field)) && packagePath(node.childForFieldName('operand'), context) === path;
}

/** Whether a call is `pkg.Name(…)` for the package at `path`. */
export function isPackageCall(call: Node | null | undefined, context: RuleContext, path: string, names?: readonly string[]): boolean {
  return call?.type === 'call_expression' && isPackageMember(call.childForFieldName('function'), context, path, names);
}

interface NewImport {
  path: string;
  alias: string | undefined;
}

function specText(spec: NewImport): string {
  return spec.alias ? `${spec.alias} "${spec.path}"` : `"${spec.path}"`;
}

/** Edits that add import specs, keeping the standard-library group sorted; one edit where they share a place. */
function importInsertions(context: RuleContext, added: readonly NewImport[]): TextEdit[] {
  const { declarations } = goImports(context);
  const eol = context.document.eol;
  const sorted = [...added].sort((a, b) => a.path.localeCompare(b.path));
  const first = declarations[0];
  if (!first) {
    const packageClause = context.tree!.rootNode.namedChildren.find((child) => child?.type === 'package_clause');
    const block = sorted.length === 1 ? specText(sorted[0]!) : `(${eol}${sorted.map((spec) => `\t${specText(spec)}${eol}`).join('')})`;
    return [insertAt(packageClause?.endIndex ?? 0, `${eol}${eol}import ${block}`)];
  }
  const list = first.namedChildren.find((child) => child?.type === 'import_spec_list');
  if (!list) {
    // `import "fmt"` becomes a group, so the result reads like gofmt output.
    const existing = first.namedChildren.find((child) => child?.type === 'import_spec')!;
    const specs = [{ text: existing.text, path: existing.childForFieldName('path')?.text.slice(1, -1) ?? '' }, ...sorted.map((spec) => ({ text: specText(spec), path: spec.path }))];
    specs.sort((a, b) => a.path.localeCompare(b.path));
    return [replaceNode(first, `import (${eol}${specs.map((spec) => `\t${spec.text}${eol}`).join('')})`)];
  }
  const isStandard = (spec: Node): boolean => !(spec.childForFieldName('path')?.text ?? '').split('/')[0]!.includes('.');
  const specs = list.namedChildren.filter((child): child is Node => child?.type === 'import_spec' && isStandard(child));
  const pathOf = (spec: Node): string => spec.childForFieldName('path')?.text.slice(1, -1) ?? '';
  return sorted.map((spec) => {
    const after = specs.find((candidate) => pathOf(candidate) > spec.path);
    if (after) return insertAt(context.document.lineStart(after.startPosition.row), `\t${specText(spec)}${eol}`);
    const last = specs[specs.length - 1];
    if (last) return insertAt(context.document.lineEnd(last.startPosition.row), `${eol}\t${specText(spec)}`);
    const open = list.children.find((child) => child?.type === '(')!;
    return insertAt(open.endIndex, `${eol}\t${specText(spec)}${eol}`);
  });
}

/** The names to use for standard packages, and the edits that import those the file does not import yet. */
export function ensureImports(context: RuleContext, paths: readonly string[]): { names: Map<string, string>; edits: TextEdit[] } {
  const imports = goImports(context);
  const names = new Map<string, string>();
  const added: NewImport[] = [];
  for (const path of paths) {
    const existing = imports.nameOf.get(path);
    if (existing) {
      names.set(path, existing);
      continue;
    }
    const name = defaultPackageName(path);
    // `github.com/pkg/errors` imported as errors: the standard package comes in under another name.
    const alias = imports.byName.has(name) ? `std${name}` : undefined;
    names.set(path, alias ?? name);
    added.push({ path, alias });
  }
  return { names, edits: added.length > 0 ? importInsertions(context, added) : [] };
}

export function ensureImport(context: RuleContext, path: string): { name: string; edits: TextEdit[] } {
  const { names, edits } = ensureImports(context, [path]);
  return { name: names.get(path)!, edits };
}

/** `10 * time.Second`, importing `time` when needed; `compact` gives gofmt's spelling inside call arguments. */
export function timeoutDuration(context: RuleContext, compact = false): { text: string; edits: TextEdit[] } {
  const { name, edits } = ensureImport(context, 'time');
  const seconds = context.config.timeoutSeconds;
  return { text: compact ? `${seconds}*${name}.Second` : `${seconds} * ${name}.Second`, edits };
}

// ---------------------------------------------------------------------------------------------
// Functions

const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** The innermost function (declaration, method or literal) around a node. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (FUNCTION_TYPES.has(current.type)) return current;
  }
  return undefined;
}

/** The named function or method a node sits in, looking through function literals. */
export function enclosingDeclaration(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration') return current;
  }
  return undefined;
}

/** The written result types, one per result (`(a, b string, err error)` gives string, string, error). */
export function resultTypes(fn: Node): Node[] {
  const result = fn.childForFieldName('result');
  if (!result) return [];
  if (result.type !== 'parameter_list') return [result];
  const types: Node[] = [];
  for (const declaration of result.namedChildren) {
    if (declaration?.type !== 'parameter_declaration') continue;
    const type = declaration.childForFieldName('type');
    if (!type) continue;
    const names = declaration.childrenForFieldName('name').length;
    for (let i = 0; i < Math.max(1, names); i++) types.push(type);
  }
  return types;
}

export function returnsErrorLast(fn: Node): boolean {
  const types = resultTypes(fn);
  return types.length > 0 && types[types.length - 1]!.text === 'error';
}

/** Names of the parameters, results and receiver of a function. */
export function functionScopeNames(fn: Node): Set<string> {
  const names = new Set<string>();
  for (const field of ['receiver', 'parameters', 'result']) {
    const list = fn.childForFieldName(field);
    if (list?.type !== 'parameter_list') continue;
    for (const declaration of list.namedChildren) {
      for (const name of declaration?.childrenForFieldName('name') ?? []) names.add(name.text);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// Zero values

type ZeroKind = 'number' | 'string' | 'bool' | 'nil' | 'composite' | 'unknown';

const BUILTIN_KINDS: Record<string, ZeroKind> = {
  bool: 'bool',
  string: 'string',
  error: 'nil',
  any: 'nil',
  ...Object.fromEntries(
    'int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 uintptr float32 float64 complex64 complex128 byte rune'
      .split(' ')
      .map((name) => [name, 'number' as const]),
  ),
};

/** Standard types often returned by value, by import path and name. */
const QUALIFIED_KINDS: Record<string, ZeroKind> = {
  ...Object.fromEntries(
    [
      'time.Duration', 'time.Month', 'time.Weekday', 'os.FileMode', 'io/fs.FileMode', 'net/http.ConnState', 'net/http.SameSite',
      'reflect.Kind', 'syscall.Signal', 'crypto.Hash', 'log/slog.Level',
    ].map((name) => [name, 'number' as const]),
  ),
  'encoding/json.Number': 'string',
  ...Object.fromEntries(
    [
      'time.Time', 'time.Location', 'net/url.URL', 'crypto/tls.Config', 'net/http.Cookie', 'net/http.Request', 'net/http.Response',
      'net/http.Server', 'net/http.Client', 'net/http.Transport', 'math/big.Int', 'math/big.Float', 'database/sql.NullString',
      'database/sql.NullInt64', 'database/sql.NullInt32', 'database/sql.NullBool', 'database/sql.NullTime', 'database/sql.NullFloat64',
      'net/netip.Addr', 'net/netip.Prefix', 'net/netip.AddrPort', 'crypto/x509.Certificate', 'crypto/tls.Certificate',
    ].map((name) => [name, 'composite' as const]),
  ),
  ...Object.fromEntries(
    [
      'context.Context', 'context.CancelFunc', 'io.Reader', 'io.Writer', 'io.ReadCloser', 'io.WriteCloser', 'io.ReadWriteCloser',
      'io.ReadWriter', 'io.Closer', 'io.ReaderAt', 'io.Seeker', 'io.ReadSeeker', 'io.ReadSeekCloser', 'net.Conn', 'net.Listener',
      'net.Addr', 'net.PacketConn', 'net.IP', 'net.IPMask', 'net.HardwareAddr', 'net/http.Handler', 'net/http.HandlerFunc',
      'net/http.RoundTripper', 'net/http.ResponseWriter', 'net/http.CookieJar', 'net/http.Header', 'net/url.Values', 'io/fs.FS',
      'io/fs.File', 'io/fs.FileInfo', 'io/fs.DirEntry', 'os.FileInfo', 'os.DirEntry', 'os.Signal', 'database/sql/driver.Value',
      'database/sql.Result', 'reflect.Type', 'hash.Hash', 'hash.Hash32', 'hash.Hash64', 'crypto.Signer', 'crypto.PublicKey',
      'crypto.PrivateKey', 'encoding/json.RawMessage', 'encoding/json.Marshaler', 'fmt.Stringer', 'sort.Interface',
    ].map((name) => [name, 'nil' as const]),
  ),
};

const NIL_TYPES = new Set(['pointer_type', 'slice_type', 'map_type', 'channel_type', 'function_type', 'interface_type']);
const COMPOSITE_TYPES = new Set(['struct_type', 'array_type']);

/** Type declarations of the file: name → the declared type. */
function declaredTypes(context: RuleContext): Map<string, Node> {
  return context.memo('go:types', () => {
    const types = new Map<string, Node>();
    for (const spec of context.tree?.rootNode.descendantsOfType(['type_spec', 'type_alias']) ?? []) {
      const name = spec?.childForFieldName('name')?.text;
      const type = spec?.childForFieldName('type');
      if (name && type && !types.has(name)) types.set(name, type);
    }
    return types;
  });
}

function zeroKind(type: Node, context: RuleContext, seen: Set<string>): ZeroKind {
  if (NIL_TYPES.has(type.type)) return 'nil';
  if (COMPOSITE_TYPES.has(type.type)) return 'composite';
  if (type.type === 'parenthesized_type') return type.namedChildren[0] ? zeroKind(type.namedChildren[0], context, seen) : 'unknown';
  if (type.type === 'qualified_type') {
    const path = packagePath(type.childForFieldName('package'), context);
    return (path && QUALIFIED_KINDS[`${path}.${type.childForFieldName('name')?.text ?? ''}`]) || 'unknown';
  }
  const name = type.type === 'type_identifier' ? type.text : type.type === 'generic_type' ? type.childForFieldName('type')?.text : undefined;
  if (!name) return 'unknown';
  const declared = declaredTypes(context).get(name);
  if (declared && !seen.has(name)) {
    seen.add(name);
    return zeroKind(declared, context, seen);
  }
  // A builtin name only counts when the file does not declare its own type by that name.
  return (!declared && type.type === 'type_identifier' && BUILTIN_KINDS[name]) || 'unknown';
}

/** The zero value of a written type: `0`, `""`, `false`, `nil`, `T{}`, or `*new(T)` when the file does not say. */
export function zeroValue(type: Node, context: RuleContext): string {
  switch (zeroKind(type, context, new Set())) {
    case 'number':
      return '0';
    case 'string':
      return '""';
    case 'bool':
      return 'false';
    case 'nil':
      return 'nil';
    case 'composite':
      return `${type.text}{}`;
    default:
      // Always valid, whatever T turns out to be (type parameters, types from other files).
      return `*new(${type.text})`;
  }
}

/** `return 0, "", err`: zero values for every result but the last, then `error`. */
export function returnWithError(fn: Node, error: string, context: RuleContext): string {
  const types = resultTypes(fn);
  return `return ${[...types.slice(0, -1).map((type) => zeroValue(type, context)), error].join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// Scopes

/** Names a statement declares in the block it sits in. */
export function declaredNames(statement: Node): string[] {
  switch (statement.type) {
    case 'short_var_declaration':
      return (statement.childForFieldName('left')?.namedChildren ?? []).filter((n): n is Node => n?.type === 'identifier').map((n) => n.text);
    case 'var_declaration':
    case 'const_declaration':
      return statement
        .descendantsOfType(['var_spec', 'const_spec'])
        .flatMap((spec) => spec?.childrenForFieldName('name').map((name) => name.text) ?? []);
    default:
      return [];
  }
}

/** Names visible at a statement from its own block: earlier statements, and parameters when the block is a function body. */
export function namesDeclaredInBlockBefore(statement: Node): Set<string> {
  const names = new Set<string>();
  const list = statement.parent;
  for (const sibling of list?.namedChildren ?? []) {
    if (!sibling || sibling.startIndex >= statement.startIndex) break;
    for (const name of declaredNames(sibling)) names.add(name);
  }
  const block = list?.parent;
  if (block?.type === 'block' && block.parent && FUNCTION_TYPES.has(block.parent.type)) {
    for (const name of functionScopeNames(block.parent)) names.add(name);
  }
  return names;
}

/** Names an `if`/`for`/`switch` header or a `case` declares for the code inside it. */
function headerNames(node: Node): string[] {
  const names: string[] = [];
  const initializer = node.childForFieldName('initializer');
  if (initializer) names.push(...declaredNames(initializer));
  for (const child of node.namedChildren) {
    if (child?.type === 'for_clause') {
      const init = child.childForFieldName('initializer');
      if (init) names.push(...declaredNames(init));
    }
    if (child?.type === 'range_clause' && child.children.some((token) => token?.type === ':=')) {
      names.push(...(child.childForFieldName('left')?.namedChildren.map((n) => n?.text ?? '') ?? []));
    }
  }
  if (node.type === 'type_switch_statement') names.push(...(node.childForFieldName('alias')?.namedChildren.map((n) => n?.text ?? '') ?? []));
  if (node.type === 'communication_case') {
    const receive = node.childForFieldName('communication');
    if (receive?.type === 'receive_statement' && receive.children.some((token) => token?.type === ':=')) {
      names.push(...(receive.childForFieldName('left')?.namedChildren.map((n) => n?.text ?? '') ?? []));
    }
  }
  return names;
}

/** Whether `name` is declared in a scope enclosing the block of `statement` (not the block itself). */
export function isVisibleFromOuterScope(name: string, statement: Node): boolean {
  let child: Node = statement.parent ?? statement;
  for (let current = child.parent; current; child = current, current = current.parent) {
    if (current.type === 'statement_list') {
      for (const sibling of current.namedChildren) {
        if (!sibling || sibling.startIndex >= child.startIndex) break;
        if (declaredNames(sibling).includes(name)) return true;
      }
    } else if (FUNCTION_TYPES.has(current.type)) {
      // The function's own parameters share the body's block, which namesDeclaredInBlockBefore covers.
      if (current.id !== statement.parent?.parent?.parent?.id && functionScopeNames(current).has(name)) return true;
    } else if (current.type === 'source_file') {
      return current.namedChildren.some((decl) => decl?.type === 'var_declaration' && declaredNames(decl).includes(name));
    } else if (headerNames(current).includes(name)) {
      return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Text

/** Leading whitespace of the line a node starts on. */
export function indentAt(context: RuleContext, node: Node): string {
  return context.document.indentOf(node.startPosition.row);
}

/**
 * Where code can be inserted after a statement: the end of its line when only a comment follows it,
 * so the comment stays with its statement.
 */
export function endOfStatementLine(context: RuleContext, statement: Node): number {
  const lineEnd = context.document.lineEnd(statement.endPosition.row);
  const rest = context.document.text.slice(statement.endIndex, lineEnd);
  return /^\s*(\/\/.*)?$/.test(rest) ? lineEnd : statement.endIndex;
}

/** A call's callee as the message shows it, shortened when it is a long chain. */
export function calleeLabel(callee: Node): string {
  const text = callee.text.replace(/\s+/g, '');
  if (text.length <= 40) return text;
  const field = callee.childForFieldName('field')?.text;
  return field ? `….${field}` : `${text.slice(0, 39)}…`;
}

/**
 * Adds `Key: value` to a keyed composite literal, after its last element (or inside empty braces),
 * keeping a multi-line literal multi-line. Undefined for positional literals.
 */
export function addKeyedElement(context: RuleContext, body: Node, element: string): TextEdit | undefined {
  const elements = body.namedChildren.filter((child): child is Node => child !== null && child.type !== 'comment');
  if (elements.some((child) => child.type !== 'keyed_element')) return undefined;
  const last = elements[elements.length - 1];
  if (!last) return insertAt(body.startIndex + 1, element);
  const close = body.children[body.children.length - 1]!;
  const comma = body.children.find((child) => child?.type === ',' && child.startIndex >= last.endIndex);
  if (close.startPosition.row > last.endPosition.row && comma) {
    const indent = context.document.indentOf(last.startPosition.row);
    return insertAt(endOfStatementLine(context, comma), `${context.document.eol}${indent}${element},`);
  }
  return insertAt(last.endIndex, `, ${element}`);
}
