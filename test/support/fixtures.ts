import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Engine } from '../../server/src/engine/engine';
import type { Finding } from '../../server/src/engine/finding';
import { parseConfig } from '../../server/src/config/load';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../server/src/config/types';
import { RULES } from '../../server/src/rules';
import { languageForPath } from '../../server/src/languages';
import { UNUSED_SUPPRESSION_ID } from '../../server/src/engine/unused-suppression';
import { RULES_DIR } from './paths';
import { expectationsFromSidecar, parseExpectations, type FixtureExpectations } from './expectations';

export interface Fixture {
  ruleId: string;
  /** Absolute path of the fixture file. */
  file: string;
  /** Path inside the rule's `fixtures/` directory; the engine classifies the file by it. */
  relativePath: string;
  text: string;
  config: ResolvedConfig;
  /** `<case>.fixed.<ext>` beside the fixture, if present. */
  fixedFile: string | undefined;
}

const AUXILIARY = /\.fixed(\.[^/]+)?$|\.expected\.json$|\.config\.json$|\.md$/;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `case.rs` → `case.fixed.rs`; `.env.prod` → `.env.prod.fixed`; `docker-compose.yml` → `docker-compose.fixed.yml`. */
export function fixedPathFor(file: string): string {
  const slash = file.lastIndexOf('/');
  const name = file.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return `${file}.fixed`;
  return `${file.slice(0, slash + 1)}${name.slice(0, dot)}.fixed${name.slice(dot)}`;
}

function fixtureConfig(file: string): ResolvedConfig {
  const sidecar = `${file}.config.json`;
  if (!existsSync(sidecar)) return DEFAULT_CONFIG;
  const result = parseConfig(readFileSync(sidecar, 'utf8'), sidecar, { ruleIds: new Set(RULES.map((rule) => rule.meta.id)) });
  if (!result.config) throw new Error(`${sidecar}: ${result.errors.map((e) => `${e.key}: ${e.message}`).join('; ')}`);
  return result.config;
}

export function discoverFixtures(): Fixture[] {
  const fixtures: Fixture[] = [];
  for (const rule of RULES) {
    const dir = join(RULES_DIR, rule.meta.id, 'fixtures');
    if (!existsSync(dir)) continue;
    for (const file of walk(dir).sort()) {
      if (AUXILIARY.test(file)) continue;
      const fixedFile = fixedPathFor(file);
      fixtures.push({
        ruleId: rule.meta.id,
        file,
        relativePath: relative(dir, file).split('\\').join('/'),
        text: readFileSync(file, 'utf8'),
        config: fixtureConfig(file),
        fixedFile: existsSync(fixedFile) ? fixedFile : undefined,
      });
    }
  }
  return fixtures;
}

export function expectationsFor(fixture: Fixture): FixtureExpectations {
  const sidecar = fixture.file.replace(/(\.[^./]+)?$/, '.expected.json');
  if (languageForPath(fixture.relativePath)?.id === 'json') {
    return expectationsFromSidecar(existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Array<{ line: number; rule: string; message?: string }>) : []);
  }
  return parseExpectations(fixture.text);
}

/** The findings a fixture is judged on: its own rule's and stale suppressions. */
export function analyzeFixture(engine: Engine, fixture: Fixture, text = fixture.text): Finding[] {
  const result = engine.analyze({ path: fixture.relativePath, text, config: fixture.config });
  const crashed = result.notes.filter((note) => note.reason === 'rule-crashed');
  if (crashed.length > 0) throw new Error(crashed.map((note) => note.message).join('\n'));
  return result.findings.filter((finding) => finding.ruleId === fixture.ruleId || finding.ruleId === UNUSED_SUPPRESSION_ID);
}

function describeFinding(finding: Finding): string {
  const { start, end } = finding.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${finding.ruleId}: ${finding.message}`;
}

/**
 * Compares actual findings with the fixture's expectations and returns the problems, with false
 * negatives and false positives listed apart; empty when they agree.
 */
export function compareWithExpectations(fixture: Fixture, findings: Finding[], expectations: FixtureExpectations): string[] {
  const lines = fixture.text.split(/\r?\n/);
  const unmatched = [...findings];
  const missing: string[] = [];
  const wrongMessage: string[] = [];
  for (const expected of expectations.expected) {
    const index = unmatched.findIndex((finding) => {
      if (finding.ruleId !== expected.ruleId || finding.range.start.line !== expected.line) return false;
      if (expected.startColumn === undefined) return true;
      if (finding.range.start.character !== expected.startColumn) return false;
      const singleLine = finding.range.end.line === finding.range.start.line;
      // Carets cannot span lines: a multi-line finding is marked from its start to the end of its first line.
      const endColumn = singleLine ? finding.range.end.character : lines[expected.line]!.trimEnd().length;
      return endColumn === expected.endColumn;
    });
    const where = `line ${expected.line + 1}${expected.startColumn !== undefined ? `:${expected.startColumn + 1}-${expected.endColumn! + 1}` : ''} ${expected.ruleId} (annotation on line ${expected.annotationLine})`;
    if (index === -1) {
      missing.push(where);
      continue;
    }
    const [finding] = unmatched.splice(index, 1);
    if (expected.messageFragment && !finding!.message.includes(expected.messageFragment)) {
      wrongMessage.push(`${where}: message "${finding!.message}" lacks "${expected.messageFragment}"`);
    }
  }
  const problems: string[] = [];
  for (const assertion of expectations.assertions) {
    const onLine = unmatched.filter((finding) => finding.ruleId === assertion.ruleId && finding.range.start.line === assertion.line);
    if (assertion.kind === 'todook') {
      if (onLine.length === 0) problems.push(`line ${assertion.line + 1}: known false positive is gone; change todook to ok (annotation on line ${assertion.annotationLine})`);
      for (const finding of onLine) unmatched.splice(unmatched.indexOf(finding), 1);
    } else if (assertion.kind === 'todoruleid' && onLine.length > 0) {
      problems.push(`line ${assertion.line + 1}: known gap is now found; change todoruleid to ruleid (annotation on line ${assertion.annotationLine})`);
      for (const finding of onLine) unmatched.splice(unmatched.indexOf(finding), 1);
    }
  }
  if (missing.length > 0) problems.push(`false negatives (expected, not found):\n  ${missing.join('\n  ')}`);
  if (unmatched.length > 0) problems.push(`false positives (found, not expected):\n  ${unmatched.map(describeFinding).join('\n  ')}`);
  problems.push(...wrongMessage);
  return problems;
}
