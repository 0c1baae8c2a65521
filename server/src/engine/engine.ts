import { Parser, Query } from 'web-tree-sitter';
import type { Language, Node, Point, QueryMatch, Tree } from 'web-tree-sitter';
import { languageForPath, languageById } from '../languages';
import type { ConfigEntry, LanguageDefinition, LanguageId } from '../languages/types';
import { isExampleConfig } from '../languages/config-paths';
import type { ResolvedConfig } from '../config/types';
import { SourceDocument } from './document';
import type { FileNote, Finding, Severity } from './finding';
import type { CodeLanguageRule, ConfigLanguageRule, LanguageRule, Report, Rule, RuleContext } from './rule';
import { loadGrammars, type GrammarSource } from './grammars';
import { skipReasonForText } from './skip';
import { applySuppressions, parseDirective, type Directive } from './suppressions';
import { suppressionFixes, unusedSuppressionFindings, UNUSED_SUPPRESSION_ID } from './unused-suppression';
import { formatMessage } from './messages';
import { assignFingerprints } from './fingerprint';
import { ancestors } from './ancestors';

export interface AnalyzeInput {
  /** Identifies the file in findings: a workspace-relative path, a URI, … */
  path: string;
  /** Workspace-relative POSIX path, used to classify the file (language, test code); defaults to `path`. */
  relativePath?: string;
  /** The file's text without a byte-order mark. */
  text: string;
  config: ResolvedConfig;
  /** The previous tree of this document, already `edit`ed, for incremental re-parsing. */
  previousTree?: Tree;
  /** Keep and return the tree; the caller then owns it and must `delete()` it. */
  keepTree?: boolean;
  /** Something else that reads the same parse tree (the workspace checklist), so a file is parsed once. */
  inspector?: TreeInspector;
  /**
   * Offset ranges of `text` edited since the analysis that produced `previousTree`. When each lies
   * inside a function, only the outermost functions around them are analysed and the result's
   * `regions` says so; the caller keeps its earlier findings outside them. An editor re-analysing a
   * large buffer after a keystroke pays for one function instead of the whole file.
   */
  dirty?: ReadonlyArray<OffsetRange>;
}

export interface OffsetRange {
  start: number;
  end: number;
}

/** Reads the tree the rules used; `wantsTree` makes the engine parse a file no rule needed. */
export interface TreeInspector {
  wantsTree(relativePath: string, text: string, language: LanguageId): boolean;
  inspect(tree: Tree | undefined, language: LanguageId, query: (source: string) => Query): void;
}

export interface AnalysisResult {
  findings: Finding[];
  notes: FileNote[];
  language?: LanguageId;
  tree?: Tree;
  /** Present when only these ranges were analysed (see `AnalyzeInput.dirty`): findings start inside them. */
  regions?: OffsetRange[];
}

/** Parsing that takes longer than this is abandoned, so one pathological file cannot hang a scan. */
const PARSE_BUDGET_MS = 20_000;

/**
 * The parser lives in 32-bit WebAssembly memory (2 GiB). Dense code needs about 90 bytes of tree
 * per byte of source, so beyond this size a parse can exhaust that memory, which aborts the whole
 * WebAssembly instance. Such files are reported, never parsed, whatever `maxFileBytes` allows.
 */
export const PARSE_CEILING_BYTES = 8 * 1024 * 1024;

/**
 * Limits on one rule in one file. Past a few hundred findings of one rule a file is generated or
 * pasted, and listing more helps nobody, so the rule stops there (deterministically, so an edited
 * file and the same text analysed afresh agree). The time budget is the last resort for degenerate
 * trees (deep error recovery after a huge paste), where every ancestor walk gets expensive.
 */
export const MAX_FINDINGS_PER_RULE = 500;
const RULE_BUDGET_MS = 2_000;

class RuleLimits {
  private readonly spent = new Map<Rule, number>();
  private readonly found = new Map<Rule, number>();
  private readonly stopped = new Set<Rule>();

  constructor(private readonly notes: FileNote[], private readonly path: string) {}

  exhausted(rule: Rule): boolean {
    return this.stopped.has(rule);
  }

  /** Accounts for one check of `rule` that took `ms` and reported `findings`. */
  charge(rule: Rule, ms: number, findings: number): void {
    const spent = (this.spent.get(rule) ?? 0) + ms;
    const found = (this.found.get(rule) ?? 0) + findings;
    this.spent.set(rule, spent);
    this.found.set(rule, found);
    if (this.stopped.has(rule)) return;
    if (found >= MAX_FINDINGS_PER_RULE) {
      this.stop(rule, `rule ${rule.meta.id} stopped after ${MAX_FINDINGS_PER_RULE} findings in this file (generated or pasted code? exclude it, or fix these to see the rest)`);
    } else if (spent > RULE_BUDGET_MS) {
      this.stop(rule, `rule ${rule.meta.id} stopped after ${RULE_BUDGET_MS / 1000} s on this file (pathological syntax); its findings here may be incomplete`);
    }
  }

  private stop(rule: Rule, message: string): void {
    this.stopped.add(rule);
    this.notes.push({ path: this.path, kind: 'warning', reason: 'rule-limit', message });
  }
}

/** The patterns of several rules for one grammar, as one query, so each tree is walked once. */
interface CombinedQuery {
  query: Query | undefined;
  /** Which rule each pattern of the combined query belongs to. */
  ruleOfPattern: Array<{ rule: Rule; languageRule: CodeLanguageRule }>;
}

const NO_CAPTURE: Node[] = [];

function appliesToGrammar(rule: LanguageRule, language: LanguageId): boolean {
  return rule.language === 'config' || !rule.grammars || rule.grammars.includes(language);
}

interface FunctionRegion extends OffsetRange {
  /** Absent for a region that holds no syntax node (whitespace between declarations). */
  startPosition?: Point;
  endPosition?: Point;
}

/** Most units re-analysed for one edit; beyond this the whole file is cheaper to think about. */
const MAX_DIRTY_UNITS = 8;

/** Nodes that only wrap a function: `export function f() {}`, a decorated Python `def`. */
const FUNCTION_WRAPPERS: ReadonlySet<string> = new Set(['export_statement', 'decorated_definition']);

/**
 * The unit of re-analysis around each dirty range: the outermost function (with the `export` or
 * decorators that wrap it), a top-level comment, or nothing at all for whitespace between
 * declarations. `undefined` when a range touches anything else (an import, a module-level
 * declaration, a syntax error), which may change findings anywhere in the file.
 */
function unitsAround(text: string, tree: Tree, functionTypes: ReadonlySet<string>, commentTypes: readonly string[], dirty: ReadonlyArray<OffsetRange>): FunctionRegion[] | undefined {
  const root = tree.rootNode;
  const regions: FunctionRegion[] = [];
  const add = (region: FunctionRegion): void => {
    if (!regions.some((known) => known.start === region.start && known.end === region.end)) regions.push(region);
  };
  for (const range of dirty) {
    const innermost = root.descendantForIndex(range.start, Math.max(range.start, range.end));
    if (!innermost) return undefined;
    if (innermost.id === root.id) {
      // Whitespace between declarations holds nothing to analyse; a range over several declarations does.
      if (range.end - range.start > 4096 || !/^\s*$/.test(text.slice(range.start, range.end))) return undefined;
      add({ start: range.start, end: range.end });
      continue;
    }
    const chain = [innermost, ...ancestors(innermost)];
    let unit: Node | undefined;
    for (const node of chain) if (isFunctionUnit(node, functionTypes)) unit = node;
    // A comment between declarations (a doc comment's parts are nested in it).
    const topLevel = chain.length >= 2 ? chain[chain.length - 2] : undefined;
    if (!unit && topLevel && commentTypes.includes(topLevel.type)) unit = topLevel;
    if (!unit || unit.hasError || unit.startIndex > range.start || unit.endIndex < range.end) return undefined;
    add({ start: unit.startIndex, end: unit.endIndex, startPosition: unit.startPosition, endPosition: unit.endPosition });
    if (regions.length > MAX_DIRTY_UNITS) return undefined;
  }
  return regions.length > 0 ? regions : undefined;
}

/** Where the new tree's structure differs from the edited old one, beyond the edited text itself. */
function syntaxChanges(previous: Tree, current: Tree): OffsetRange[] {
  return previous.getChangedRanges(current).map((range) => ({ start: range.startIndex, end: range.endIndex }));
}

interface PointRange {
  startPosition: Point;
  endPosition: Point;
}

function isFunctionUnit(node: Node, functionTypes: ReadonlySet<string>): boolean {
  return functionTypes.has(node.type) || (FUNCTION_WRAPPERS.has(node.type) && node.namedChildren.some((child) => child && functionTypes.has(child.type)));
}

/**
 * Where facts are gathered for a re-analysis of `regions`: the regions themselves, and every run of
 * top-level code that is neither a function nor a comment (imports, module-level declarations).
 * Bindings inside other functions are out of sight of the regions anyway.
 */
function factRangesFor(tree: Tree, functionTypes: ReadonlySet<string>, commentTypes: readonly string[], regions: readonly FunctionRegion[]): PointRange[] {
  const ranges: PointRange[] = [];
  let run: PointRange | undefined;
  for (const child of tree.rootNode.namedChildren) {
    if (!child) continue;
    if (isFunctionUnit(child, functionTypes)) {
      run = undefined;
      continue;
    }
    if (commentTypes.includes(child.type)) continue;
    if (run) run.endPosition = child.endPosition;
    else ranges.push((run = { startPosition: child.startPosition, endPosition: child.endPosition }));
  }
  for (const region of regions) if (region.startPosition && region.endPosition) ranges.push({ startPosition: region.startPosition, endPosition: region.endPosition });
  return ranges;
}

/** A rule's pre-filter: its own, or else its anchor (a file without one of its lines has no match). */
export function prefilterOf(rule: LanguageRule): ReadonlyArray<string | RegExp> | undefined {
  return rule.prefilter ?? (rule.language !== 'config' && rule.anchor ? [rule.anchor] : undefined);
}

function mayMatch(rule: LanguageRule, text: string, config: ResolvedConfig): boolean {
  const prefilter = prefilterOf(rule);
  if (!prefilter || prefilter.some((word) => (typeof word === 'string' ? text.includes(word) : word.test(text)))) return true;
  return rule.configuredPrefilter?.(config).some((pattern) => pattern.test(text)) ?? false;
}

/** Anchored queries run line by line only while the lines are at most this share of the file. */
const ANCHORED_SHARE = 0.5;
/** Each anchor with the `g` flag, made once (`matchAll` copies it, so sharing is safe). */
const globalAnchors = new WeakMap<LanguageRule, RegExp>();

/**
 * The lines a query must cover when every candidate rule is anchored (see `CodeLanguageRule.anchor`):
 * each line holding an anchor, merged where they touch. Undefined when the whole tree is cheaper or
 * some rule needs it all.
 */
function anchorRanges(document: SourceDocument, candidates: ReadonlySet<LanguageRule>): PointRange[] | undefined {
  const text = document.text;
  const anchors: RegExp[] = [];
  for (const candidate of candidates) {
    if (candidate.language === 'config') continue;
    if (!candidate.anchor) return undefined;
    let anchor = globalAnchors.get(candidate);
    if (!anchor) globalAnchors.set(candidate, (anchor = new RegExp(candidate.anchor.source, `${candidate.anchor.flags}g`)));
    anchors.push(anchor);
  }
  if (anchors.length === 0) return undefined;
  const lines: Array<[number, number]> = [];
  for (const anchor of anchors) {
    for (const match of text.matchAll(anchor)) {
      const start = text.lastIndexOf('\n', match.index) + 1;
      const newline = text.indexOf('\n', match.index + match[0].length);
      lines.push([start, newline === -1 ? text.length : newline]);
    }
  }
  lines.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  let covered = 0;
  for (const [start, end] of lines) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) {
      covered += Math.max(0, end - last[1]);
      last[1] = Math.max(last[1], end);
    } else {
      merged.push([start, end]);
      covered += end - start;
    }
  }
  if (covered > text.length * ANCHORED_SHARE) return undefined;
  // Whole lines by row (web-tree-sitter's index options count UTF-16 bytes, not characters).
  return merged.map(([start, end]) => ({ startPosition: { row: document.positionAt(start).line, column: 0 }, endPosition: { row: document.positionAt(end).line + 1, column: 0 } }));
}

/** A query's matches over some ranges, each match once even when it spans two of them. */
function matchesIn(query: Query, tree: Tree, ranges: ReadonlyArray<{ startPosition?: Point; endPosition?: Point }>): QueryMatch[] {
  const matches: QueryMatch[] = [];
  const seen = new Set<string>();
  for (const { startPosition, endPosition } of ranges) {
    if (!startPosition || !endPosition) continue;
    for (const match of query.matches(tree.rootNode, { startPosition, endPosition })) {
      const key = `${match.patternIndex}:${match.captures.map((capture) => capture.node.startIndex).join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push(match);
    }
  }
  return matches;
}

/**
 * Parses each file once and runs every rule of its language over that one tree.
 * Pure: text and path in, findings and notes out.
 */
export class Engine {
  private readonly parser = new Parser();
  /** Combined queries by grammar and by the set of rules whose pre-filter matched a file. */
  private readonly combined = new Map<string, CombinedQuery>();
  /** Rules' own helper queries by grammar and source. */
  private readonly helperQueries = new Map<LanguageId, Map<string, Query>>();
  private readonly rulesById: Map<string, Rule>;
  private readonly tokenTypesByLanguage = new Map<LanguageId, Set<string>>();
  /** Set once WebAssembly has aborted; the engine must then be discarded. */
  poisoned = false;

  private constructor(
    private readonly grammars: Map<LanguageId, Language>,
    readonly rules: readonly Rule[],
  ) {
    this.rulesById = new Map(rules.map((rule) => [rule.meta.id, rule]));
  }

  static async create(source: GrammarSource, rules: readonly Rule[]): Promise<Engine> {
    return new Engine(await loadGrammars(source), rules);
  }

  languageFor(relativePath: string): LanguageDefinition | undefined {
    return languageForPath(relativePath);
  }

  /**
   * Compiles every rule's patterns for a grammar together, as a re-analysis of a few functions runs
   * them, so that an editor's first edit of such a file does not wait for it.
   */
  warmUp(language: LanguageId): void {
    const family = languageById(language).family;
    const all = new Set(this.rules.flatMap((rule) => rule.languages.filter((languageRule) => languageRule.language === family && appliesToGrammar(languageRule, language))));
    this.combinedFor(language, all);
  }

  /** A query for a grammar, compiled on first use and kept for the life of the engine. */
  query(language: LanguageId, source: string): Query {
    let cache = this.helperQueries.get(language);
    if (!cache) this.helperQueries.set(language, (cache = new Map()));
    let query = cache.get(source);
    if (!query) {
      query = new Query(this.grammar(language), source);
      cache.set(source, query);
    }
    return query;
  }

  private grammar(language: LanguageId): Language {
    const grammar = this.grammars.get(language);
    if (!grammar) throw new Error(`${language} has no grammar`);
    return grammar;
  }

  /**
   * The combined query of the given rules for a grammar, compiled on first use. A file only runs the
   * patterns of rules whose pre-filter it passed; the handful of such sets each get their own query.
   */
  private combinedFor(language: LanguageId, candidates: ReadonlySet<LanguageRule>): CombinedQuery {
    const included = (languageRule: LanguageRule): boolean => candidates.has(languageRule);
    const key = `${language}:${this.rules.map((rule) => rule.languages.map((languageRule) => (included(languageRule) ? '1' : '0')).join('')).join('')}`;
    let combined = this.combined.get(key);
    if (!combined) {
      combined = this.compileRules(language, included);
      this.combined.set(key, combined);
    }
    return combined;
  }

  /** Concatenates the included rules' patterns for a grammar into one query. */
  private compileRules(language: LanguageId, included: (languageRule: LanguageRule) => boolean): CombinedQuery {
    const definition = languageById(language);
    const segments: Array<{ start: number; end: number; rule: Rule; languageRule: CodeLanguageRule }> = [];
    let source = '';
    for (const rule of this.rules) {
      for (const languageRule of rule.languages) {
        if (languageRule.language !== definition.family || languageRule.language === 'config') continue;
        if (languageRule.grammars && !languageRule.grammars.includes(language)) continue;
        if (!included(languageRule)) continue;
        const start = source.length;
        source += languageRule.query + '\n';
        segments.push({ start, end: source.length, rule, languageRule });
      }
    }
    if (segments.length === 0) return { query: undefined, ruleOfPattern: [] };
    let query: Query;
    try {
      query = new Query(this.grammar(language), source);
    } catch (error) {
      // Name the rule whose pattern does not compile, so the failure is actionable.
      for (const segment of segments) {
        try {
          new Query(this.grammar(language), segment.languageRule.query).delete();
        } catch (inner) {
          throw new Error(`rule ${segment.rule.meta.id}: query does not compile for ${language}: ${String(inner)}`, { cause: inner });
        }
      }
      throw error;
    }
    const ruleOfPattern = [];
    for (let pattern = 0; pattern < query.patternCount(); pattern++) {
      const offset = query.startIndexForPattern(pattern);
      const segment = segments.find((candidate) => offset >= candidate.start && offset < candidate.end)!;
      ruleOfPattern.push({ rule: segment.rule, languageRule: segment.languageRule });
    }
    return { query, ruleOfPattern };
  }

  severityOf(ruleId: string, config: ResolvedConfig): Severity | 'off' {
    return config.rules[ruleId] ?? this.rulesById.get(ruleId)?.meta.defaultSeverity ?? 'off';
  }

  analyze(input: AnalyzeInput): AnalysisResult {
    const relativePath = input.relativePath ?? input.path;
    const language = this.languageFor(relativePath);
    if (!language) {
      return { findings: [], notes: [{ path: input.path, kind: 'skipped', reason: 'unsupported', message: 'no supported language for this file name' }] };
    }
    const skip = skipReasonForText(relativePath, input.text);
    if (skip) return { findings: [], notes: [{ path: input.path, kind: 'skipped', ...skip }], language: language.id };

    const document = new SourceDocument(input.path, input.text);
    const isTestFile = language.isTestPath(relativePath);
    const includeTests = input.config.tests === 'include';
    const activeRules = this.rules
      .map((rule) => ({ rule, languageRules: rule.languages.filter((l) => l.language === language.family) }))
      .filter(({ rule, languageRules }) => languageRules.length > 0 && this.severityOf(rule.meta.id, input.config) !== 'off')
      .filter(({ rule }) => !isTestFile || includeTests || rule.meta.appliesToTests);
    const hasDirectives = input.text.includes('readiness-ignore');
    // Pre-filters read the whole text; a re-analysis of a few functions skips them (see `regions` below).
    const candidatesBy = (filter: (languageRule: LanguageRule) => boolean): Set<LanguageRule> => {
      const found = new Set<LanguageRule>();
      for (const { languageRules } of activeRules) {
        for (const languageRule of languageRules) if (appliesToGrammar(languageRule, language.id) && filter(languageRule)) found.add(languageRule);
      }
      return found;
    };
    let candidates = input.dirty && input.keepTree ? undefined : candidatesBy((languageRule) => mayMatch(languageRule, input.text, input.config));
    const inspect = input.inspector?.wantsTree(relativePath, input.text, language.id) === true;
    if (candidates?.size === 0 && !hasDirectives && !input.keepTree && !inspect) return { findings: [], notes: [], language: language.id };

    const notes: FileNote[] = [];
    let tree: Tree | undefined;
    if (language.grammar) {
      if (input.text.length > PARSE_CEILING_BYTES) {
        const megabytes = (input.text.length / (1024 * 1024)).toFixed(1);
        return {
          findings: [],
          notes: [{ path: input.path, kind: 'skipped', reason: 'too-large', message: `${megabytes} MiB is more than the parser can hold (${PARSE_CEILING_BYTES / (1024 * 1024)} MiB); split the file or exclude it` }],
          language: language.id,
        };
      }
      let parsed: Tree | undefined;
      try {
        parsed = this.parse(language.id, input.text, input.previousTree);
      } catch (error) {
        // An abort inside WebAssembly leaves the parser's memory unusable; whoever owns this engine
        // must replace it (a worker exits and is respawned).
        this.poisoned = true;
        return {
          findings: [],
          notes: [{ path: input.path, kind: 'warning', reason: 'parse-failed', message: `the parser failed on this file: ${error instanceof Error ? error.message.split('.')[0] : String(error)}` }],
          language: language.id,
        };
      }
      if (!parsed) {
        return {
          findings: [],
          notes: [{ path: input.path, kind: 'skipped', reason: 'parse-timeout', message: `parsing took longer than ${PARSE_BUDGET_MS / 1000} s` }],
          language: language.id,
        };
      }
      tree = parsed;
    }

    try {
      const raw: Finding[] = [];
      const activeIds = new Set(activeRules.map(({ rule }) => rule.meta.id));
      const regions =
        input.dirty && input.previousTree && tree && language.functionTypes
          ? unitsAround(input.text, tree, language.functionTypes, language.commentNodeTypes, [...input.dirty, ...syntaxChanges(input.previousTree, tree)])
          : undefined;
      const factRanges = regions && tree && language.functionTypes ? factRangesFor(tree, language.functionTypes, language.commentNodeTypes, regions) : undefined;
      // Over a few functions every rule's patterns cost less than reading the whole text for the pre-filters.
      candidates ??= regions ? candidatesBy(() => true) : candidatesBy((languageRule) => mayMatch(languageRule, input.text, input.config));
      const context = (rule: Rule, memo: Map<string, unknown>): RuleContext => this.context(rule, input, document, language, tree, isTestFile, memo, raw, factRanges);
      const memo = new Map<string, unknown>();
      const limits = new RuleLimits(notes, input.path);
      if (tree && language.family !== 'config') {
        this.runCodeRules(language.id, tree, regions, candidates, activeIds, regions ? undefined : document, (rule, languageRule, match) => {
          if (limits.exhausted(rule)) return;
          const started = performance.now();
          const before = raw.length;
          this.guard(rule, input.path, notes, () => languageRule.check(match, context(rule, memo)));
          limits.charge(rule, performance.now() - started, raw.length - before);
        });
      }
      if (language.family === 'config' && language.configEntries) {
        const entries = language.configEntries(document, tree);
        for (const { rule, languageRules } of activeRules) {
          for (const languageRule of languageRules as ConfigLanguageRule[]) {
            const ruleContext = context(rule, memo);
            this.guard(rule, input.path, notes, () => {
              for (const entry of entries) {
                if (limits.exhausted(rule)) break;
                const before = raw.length;
                languageRule.check(entry, ruleContext);
                limits.charge(rule, 0, raw.length - before);
              }
            });
          }
        }
      }
      const inTestCode = raw.length > 0 ? this.testCodeFilter(language, tree, isTestFile, includeTests) : () => false;
      const relevant = raw.filter((finding) => !inTestCode(finding) || this.rulesById.get(finding.ruleId)?.meta.appliesToTests);
      const directives = hasDirectives ? this.directives(language, document, tree) : [];
      const suppressed = applySuppressions(relevant, directives);
      const unused = this.severityOf(UNUSED_SUPPRESSION_ID, input.config);
      if (unused !== 'off') {
        suppressed.kept.push(...unusedSuppressionFindings(document, directives, suppressed.used, unused, (id) => activeIds.has(id), (id) => this.rulesById.has(id)));
      }
      const kept = regions ? suppressed.kept.filter((finding) => regions.some((region) => finding.start >= region.start && finding.start < region.end)) : suppressed.kept;
      const insideToken = this.multilineTokenTest(language.id, tree);
      for (const finding of kept) finding.fixes.push(...suppressionFixes(document, language, insideToken, finding));
      kept.sort((a, b) => a.start - b.start || a.ruleId.localeCompare(b.ruleId));
      assignFingerprints(kept, document, relativePath);
      if (inspect) {
        try {
          input.inspector!.inspect(tree, language.id, (source) => this.query(language.id, source));
        } catch (error) {
          notes.push({ path: input.path, kind: 'warning', reason: 'rule-crashed', message: `checklist signals failed: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
      const result: AnalysisResult = { findings: kept, notes, language: language.id };
      if (regions) result.regions = regions.map(({ start, end }) => ({ start, end }));
      if (input.keepTree && tree) {
        result.tree = tree;
        tree = undefined;
      }
      return result;
    } finally {
      tree?.delete();
    }
  }

  /** Parses with a time budget; `undefined` when parsing was abandoned. */
  parse(language: LanguageId, text: string, previousTree?: Tree): Tree | undefined {
    this.parser.setLanguage(this.grammar(language));
    const deadline = Date.now() + PARSE_BUDGET_MS;
    const tree = this.parser.parse(text, previousTree ?? null, { progressCallback: () => Date.now() > deadline });
    if (!tree) this.parser.reset();
    return tree ?? undefined;
  }

  private runCodeRules(
    language: LanguageId,
    tree: Tree,
    regions: readonly FunctionRegion[] | undefined,
    candidates: ReadonlySet<LanguageRule>,
    activeIds: ReadonlySet<string>,
    /** The file, for anchored rules; absent when `regions` bound the work already. */
    document: SourceDocument | undefined,
    dispatch: (rule: Rule, languageRule: CodeLanguageRule, match: { captures: Record<string, Node | undefined>; all(name: string): Node[] }) => void,
  ): void {
    const compiled = this.combinedFor(language, candidates);
    if (!compiled.query) return;
    const query = compiled.query;
    const ranges = regions ?? (document ? anchorRanges(document, candidates) : undefined);
    const matches: QueryMatch[] = ranges ? matchesIn(query, tree, ranges) : query.matches(tree.rootNode);
    for (const match of matches) {
      const owner = compiled.ruleOfPattern[match.patternIndex];
      if (!owner || !activeIds.has(owner.rule.meta.id)) continue;
      const captures: Record<string, Node | undefined> = {};
      let grouped: Map<string, Node[]> | undefined;
      for (const capture of match.captures) {
        if (captures[capture.name] === undefined) captures[capture.name] = capture.node;
        else {
          grouped ??= new Map();
          if (!grouped.has(capture.name)) grouped.set(capture.name, [captures[capture.name]!]);
          grouped.get(capture.name)!.push(capture.node);
        }
      }
      dispatch(owner.rule, owner.languageRule, {
        captures,
        all: (name) => grouped?.get(name) ?? (captures[name] ? [captures[name]] : NO_CAPTURE),
      });
    }
  }

  private context(
    rule: Rule,
    input: AnalyzeInput,
    document: SourceDocument,
    language: LanguageDefinition,
    tree: Tree | undefined,
    isTestFile: boolean,
    memo: Map<string, unknown>,
    sink: Finding[],
    factRanges: readonly PointRange[] | undefined,
  ): RuleContext {
    return {
      document,
      language: language.id,
      config: input.config,
      tree,
      isTestFile,
      isExampleFile: isExampleConfig(input.relativePath ?? input.path),
      report: (report) => sink.push(this.finding(rule, report, document, input.config)),
      memo: <T>(key: string, compute: () => T): T => {
        if (!memo.has(key)) memo.set(key, compute());
        return memo.get(key) as T;
      },
      query: (source) => this.query(language.id, source),
      factMatches: (query) => {
        if (!tree) return [];
        if (!factRanges) return query.matches(tree.rootNode);
        return factRanges.flatMap(({ startPosition, endPosition }) => query.matches(tree.rootNode, { startPosition, endPosition }));
      },
    };
  }

  private finding(rule: Rule, report: Report, document: SourceDocument, config: ResolvedConfig): Finding {
    const start = report.node?.startIndex ?? report.start ?? 0;
    const end = report.node?.endIndex ?? report.end ?? start;
    const template = rule.meta.messages[report.messageId];
    if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message ${report.messageId}`);
    // A severity the user configured wins over the rule's own per-case default.
    const configured = config.rules[rule.meta.id];
    return {
      ruleId: rule.meta.id,
      severity: (configured !== undefined && configured !== 'off' ? configured : undefined) ?? report.severity ?? rule.meta.defaultSeverity,
      path: document.path,
      start,
      end,
      range: document.rangeAt(start, end),
      message: formatMessage(template, report.data),
      fixes: report.fixes ? [...report.fixes] : [],
    };
  }

  /** A rule that throws on one file is reported as a note while every other rule still runs. */
  private guard(rule: Rule, path: string, notes: FileNote[], run: () => void): void {
    try {
      run();
    } catch (error) {
      if (error instanceof Error && error.name === 'RuntimeError') this.poisoned = true;
      notes.push({ path, kind: 'warning', reason: 'rule-crashed', message: `rule ${rule.meta.id} failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private testCodeFilter(language: LanguageDefinition, tree: Tree | undefined, isTestFile: boolean, includeTests: boolean): (finding: Finding) => boolean {
    if (includeTests) return () => false;
    if (isTestFile) return () => true;
    if (!tree || !language.testCodeRanges) return () => false;
    const ranges = language.testCodeRanges(tree.rootNode, { query: (source) => this.query(language.id, source) });
    if (ranges.length === 0) return () => false;
    return (finding) => ranges.some(([start, end]) => finding.start >= start && finding.start < end);
  }

  private directives(language: LanguageDefinition, document: SourceDocument, tree: Tree | undefined): Directive[] {
    const directives: Directive[] = [];
    if (tree && language.commentNodeTypes.length > 0) {
      const source = `[${language.commentNodeTypes.map((type) => `(${type})`).join(' ')}] @comment`;
      for (const capture of this.query(language.id, source).captures(tree.rootNode)) {
        const directive = parseDirective(document, capture.node.startIndex, capture.node.endIndex);
        if (directive) directives.push(directive);
      }
    } else if (language.comment?.line) {
      // Formats without a grammar: a comment runs from the comment marker to the end of the line.
      const marker = language.comment.line;
      for (let line = 0; line < document.lineCount; line++) {
        const text = document.lineText(line);
        const at = text.search(new RegExp(`(^|[ \\t])${marker.replace(/[/]/g, '\\/')}\\s*readiness-ignore`));
        if (at === -1) continue;
        const commentStart = document.lineStart(line) + text.indexOf(marker, at);
        const directive = parseDirective(document, commentStart, document.lineEnd(line));
        if (directive) directives.push(directive);
      }
    }
    return directives;
  }

  /**
   * Whether an offset (a line start) lies strictly inside a string, template, block scalar or
   * comment, where an inserted comment line would change the program. Such a token is the smallest
   * node at the offset or one of its nearest ancestors (a string's fragment or escape lies inside
   * it), so a few steps up suffice.
   */
  private multilineTokenTest(language: LanguageId, tree: Tree | undefined): (offset: number) => boolean {
    if (!tree) return () => false;
    const types = this.tokenTypes(language);
    if (types.size === 0) return () => false;
    return (offset) => {
      let node = tree.rootNode.descendantForIndex(offset);
      for (let step = 0; node && step < 4; step++, node = node.parent) {
        if (types.has(node.type) && node.startIndex < offset && offset < node.endIndex) return true;
      }
      return false;
    };
  }

  private tokenTypes(language: LanguageId): ReadonlySet<string> {
    let types = this.tokenTypesByLanguage.get(language);
    if (!types) {
      const grammar = this.grammar(language);
      types = new Set<string>();
      for (let id = 0; id < grammar.nodeTypeCount; id++) {
        const type = grammar.nodeTypeForId(id);
        if (type && grammar.nodeTypeIsNamed(id) && grammar.nodeTypeIsVisible(id) && /string|template|block_scalar|heredoc|comment/.test(type)) types.add(type);
      }
      this.tokenTypesByLanguage.set(language, types);
    }
    return types;
  }

  /** Frees the parser and every compiled query. */
  dispose(): void {
    for (const combined of this.combined.values()) combined.query?.delete();
    for (const cache of this.helperQueries.values()) for (const query of cache.values()) query.delete();
    this.combined.clear();
    this.helperQueries.clear();
    this.parser.delete();
  }
}

export type { ConfigEntry };

