import type { Node, Query, Tree } from 'web-tree-sitter';
import type { SourceDocument } from '../engine/document';

/** A grammar-level language: what a file is parsed as. */
export type LanguageId =
  | 'rust'
  | 'go'
  | 'typescript'
  | 'tsx'
  | 'javascript'
  | 'python'
  | 'toml'
  | 'yaml'
  | 'json'
  | 'dotenv';

/**
 * What rule modules target. `typescript` covers TypeScript, TSX, JavaScript and JSX;
 * `config` covers every configuration format through {@link ConfigEntry}.
 */
export type RuleLanguage = 'rust' | 'go' | 'typescript' | 'python' | 'config';

export const RULE_LANGUAGES: readonly RuleLanguage[] = ['rust', 'go', 'typescript', 'python', 'config'];

/** A key/value setting of a configuration file, whatever its format. */
export interface ConfigEntry {
  /** The setting's own name: `AUTH_TOKEN`, `auth_token`, `password`. */
  key: string;
  /** Names from the document root down to the key, e.g. `services.api.environment.AUTH_TOKEN`. */
  path: readonly string[];
  keyStart: number;
  keyEnd: number;
  /** The scalar value, unquoted and unescaped; undefined for maps, lists and missing values. */
  value: string | undefined;
  valueKind: 'string' | 'number' | 'boolean' | 'null' | 'other';
  /** Where the value's text sits, quotes included; equals keyEnd when the value is missing. */
  valueStart: number;
  valueEnd: number;
  /** The quote character that wraps the value in the source, if any. */
  quote: '"' | "'" | '';
  /** The syntax node that holds the value, when the format has a grammar. */
  valueNode?: Node;
}

/** Compiles a query for the language being analysed, once per process. */
export interface QueryTools {
  query(source: string): Query;
}

export interface CommentSyntax {
  line?: string;
  block?: readonly [string, string];
}

export interface LanguageDefinition {
  id: LanguageId;
  family: RuleLanguage;
  /** Base name of the grammar's wasm file in `grammars/`; none for formats read without a parser. */
  grammar?: string;
  /** Whether a workspace-relative POSIX path is a file of this language. */
  matchesPath(relativePath: string, baseName: string): boolean;
  comment?: CommentSyntax;
  /** Node types that hold comments, for suppression directives. */
  commentNodeTypes: readonly string[];
  /**
   * Node types of functions, methods and closures: the unit re-analysed after an edit inside it
   * (see `AnalyzeInput.dirty`). Without them every edit re-analyses the whole file.
   */
  functionTypes?: ReadonlySet<string>;
  /** Test code by location: whole files that are tests, fixtures or examples. */
  isTestPath(relativePath: string): boolean;
  /** Test code inside an ordinary file (Rust `#[cfg(test)]` modules), as offset ranges. */
  testCodeRanges?(root: Node, tools: QueryTools): Array<readonly [number, number]>;
  /**
   * Offset where a whole-file suppression comment goes: after shebangs, encoding lines and
   * anything else that must stay first.
   */
  fileHeaderEnd?(document: SourceDocument): number;
  /** Settings of a configuration file, read from its parse tree (or its text when it has no grammar). */
  configEntries?(document: SourceDocument, tree: Tree | undefined): ConfigEntry[];
}
