import type { Node, Query, QueryMatch, Tree } from 'web-tree-sitter';
import type { ConfigEntry, LanguageId, RuleLanguage } from '../languages/types';
import type { ResolvedConfig } from '../config/types';
import type { SourceDocument } from './document';
import type { Fix, Severity } from './finding';

export type ChecklistCategory =
  | 'Security & auth'
  | 'Configuration & secrets'
  | 'Reliability'
  | 'Observability'
  | 'Data'
  | 'Supply chain & CI'
  | 'Deploy & operations';

export interface RuleMeta {
  /** kebab-case; also the directory, the doc page and the diagnostic `code`. */
  id: string;
  /** One line, the doc page's title. */
  title: string;
  defaultSeverity: Severity;
  category: ChecklistCategory;
  /** Whether the rule also runs in test code (only `hardcoded-secret` does by default). */
  appliesToTests: boolean;
  /** Whether the rule offers fixes, so harnesses can check each fixable case has an expected output. */
  fixable: boolean;
  /** Message templates by id; `{name}` placeholders are filled from `data`. */
  messages: Record<string, string>;
}

export interface Report {
  /** The smallest node that shows the problem; or give `start`/`end` offsets. */
  node?: Node;
  start?: number;
  end?: number;
  messageId: string;
  data?: Record<string, string | number>;
  fixes?: Fix[];
  /** This case's default when the user has not configured the rule, e.g. information for TS `x!`. */
  severity?: Severity;
}

export interface RuleMatch {
  /** The first node of each capture name. */
  captures: Record<string, Node | undefined>;
  /** Every node captured under a name (quantified captures). */
  all(name: string): Node[];
}

export interface RuleContext {
  readonly document: SourceDocument;
  readonly language: LanguageId;
  readonly config: ResolvedConfig;
  /** The parse tree, absent for formats read without a grammar (`.env`). */
  readonly tree: Tree | undefined;
  /** The whole file is test code (by its path). */
  readonly isTestFile: boolean;
  /** Whether the file documents settings (`*.example`, `*.sample`, `*.template`). */
  readonly isExampleFile: boolean;
  report(report: Report): void;
  /** A value computed once per file and rule family, e.g. the file's imports. */
  memo<T>(key: string, compute: () => T): T;
  /** A query for this file's grammar, compiled once per process. */
  query(source: string): Query;
  /**
   * Matches of a query where file-wide facts (bindings, imports, writes) live: the whole tree, or,
   * when only some functions are re-analysed after an edit, those functions plus the top-level code
   * outside every function. Use it for facts gathered once per file instead of `matches(rootNode)`.
   */
  factMatches(query: Query): QueryMatch[];
}

interface LanguageRuleBase {
  /**
   * Words (or patterns) one of which must occur in the text for the rule to possibly match. When no
   * active rule's words occur, the file is not parsed at all, so these should be as specific as the
   * rule allows. Patterns must not use the `g` or `y` flags.
   */
  prefilter?: ReadonlyArray<string | RegExp>;
  /** More pre-filter patterns from the user's configuration (words added to the secret-name model). */
  configuredPrefilter?(config: ResolvedConfig): ReadonlyArray<RegExp>;
}

export interface CodeLanguageRule extends LanguageRuleBase {
  language: Exclude<RuleLanguage, 'config'>;
  /** Patterns over the grammar; matches are handed to `check`. Compiled once with every other rule's. */
  query: string;
  /** Grammars the query is written for, when narrower than the family (e.g. JSX-only node types). */
  grammars?: readonly LanguageId[];
  /**
   * Text on a line that every match able to give a finding overlaps (`.unwrap(`, `_ =`). When every
   * rule a file runs has one and their lines are a small part of the file, the query runs over those
   * lines only instead of the whole tree. A match that overlaps none of them is never seen, so an
   * anchor must be as wide as the query: no `g` or `y` flag; `m` to use `^` and `$` per line. A rule
   * without a `prefilter` uses its anchor as one.
   */
  anchor?: RegExp;
  check(match: RuleMatch, context: RuleContext): void;
}

export interface ConfigLanguageRule extends LanguageRuleBase {
  language: 'config';
  check(entry: ConfigEntry, context: RuleContext): void;
}

export type LanguageRule = CodeLanguageRule | ConfigLanguageRule;

export interface Rule {
  meta: RuleMeta;
  languages: readonly LanguageRule[];
}

export function defineRuleMeta(meta: RuleMeta): RuleMeta {
  return meta;
}

export function defineLanguageRule<T extends LanguageRule>(rule: T): T {
  return rule;
}

export function defineRule(meta: RuleMeta, languages: readonly LanguageRule[]): Rule {
  for (const messageId of Object.keys(meta.messages)) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(messageId)) throw new Error(`${meta.id}: message id ${messageId} is not camelCase`);
  }
  return { meta, languages };
}
