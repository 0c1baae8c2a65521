/**
 * Inline expectations in fixtures, in the style of rust-analyzer and Semgrep:
 *
 *     let n: u16 = raw.parse().unwrap();
 *     //                       ^^^^^^^^ unwrap: panics
 *
 * A caret run marks the exact columns of a finding on the nearest earlier code line long enough to
 * hold it, then the rule id and optionally a fragment of the message. Where carets cannot reach,
 * `// ruleid: <rule>` expects a finding starting on the next code line and `// ok: <rule>` expects
 * none; `todoruleid:`/`todook:` record known gaps. Code without annotations must stay silent.
 */

export interface ExpectedFinding {
  ruleId: string;
  line: number;
  /** Absent for line markers, which only pin the line. */
  startColumn?: number;
  endColumn?: number;
  messageFragment?: string;
  /** 1-based line of the annotation, for failure messages. */
  annotationLine: number;
}

export interface LineAssertion {
  kind: 'ok' | 'todoruleid' | 'todook';
  ruleId: string;
  line: number;
  annotationLine: number;
}

export interface FixtureExpectations {
  expected: ExpectedFinding[];
  assertions: LineAssertion[];
  /** Lines that are annotations, so they are never the target of one. */
  annotationLines: Set<number>;
}

const CARETS = /^(\s*)(\/\/|#)(\s*)(\^+)\s+([a-z0-9-]+)(?::\s*(.*?))?\s*$/;
const MARKER = /^\s*(?:\/\/|#)\s*(ruleid|ok|todoruleid|todook):\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/;

export function parseExpectations(text: string): FixtureExpectations {
  const lines = text.split(/\r?\n/);
  const expected: ExpectedFinding[] = [];
  const assertions: LineAssertion[] = [];
  const annotationLines = new Set<number>();
  lines.forEach((line, index) => {
    if (CARETS.test(line) || MARKER.test(line)) annotationLines.add(index);
  });
  const nextCodeLine = (from: number): number => {
    let line = from + 1;
    while (line < lines.length && annotationLines.has(line)) line++;
    return line;
  };
  lines.forEach((line, index) => {
    const carets = CARETS.exec(line);
    if (carets) {
      const startColumn = line.indexOf('^', carets[1]!.length + carets[2]!.length);
      const endColumn = startColumn + carets[4]!.length;
      let target = index - 1;
      while (target >= 0 && (annotationLines.has(target) || lines[target]!.length < endColumn)) target--;
      if (target < 0) throw new Error(`line ${index + 1}: caret annotation has no code line above it long enough`);
      const finding: ExpectedFinding = { ruleId: carets[5]!, line: target, startColumn, endColumn, annotationLine: index + 1 };
      if (carets[6]) finding.messageFragment = carets[6];
      expected.push(finding);
      return;
    }
    const marker = MARKER.exec(line);
    if (!marker) return;
    const target = nextCodeLine(index);
    for (const ruleId of marker[2]!.split(/\s*,\s*/)) {
      if (marker[1] === 'ruleid') expected.push({ ruleId, line: target, annotationLine: index + 1 });
      else assertions.push({ kind: marker[1] as LineAssertion['kind'], ruleId, line: target, annotationLine: index + 1 });
    }
  });
  return { expected, assertions, annotationLines };
}

/** Sidecar expectations for formats without comments (`<case>.expected.json`). */
export function expectationsFromSidecar(entries: Array<{ line: number; rule: string; message?: string }>): FixtureExpectations {
  return {
    expected: entries.map((entry) => {
      const finding: ExpectedFinding = { ruleId: entry.rule, line: entry.line - 1, annotationLine: 0 };
      if (entry.message) finding.messageFragment = entry.message;
      return finding;
    }),
    assertions: [],
    annotationLines: new Set(),
  };
}
