import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/finding';
import { PROJECT_URL, ruleDocUrl } from '../../rules/docs';
import type { CheckReport } from './model';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export const FINGERPRINT_KEY = 'readiness/v1';

/** A readable identifier from the title; SARIF wants `name` to differ from the opaque `id`. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 for code scanning: rule metadata with help, 1-based regions in UTF-16 columns,
 * fingerprints that survive unrelated edits, fixes as replacements. No snippets: a snippet could
 * carry a secret's value.
 */
export function formatSarif(report: CheckReport, helpMarkdown: (ruleId: string) => string | undefined): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.meta.id, index]));
  const baseUri = pathToFileURL(report.baseDirectory.endsWith('/') ? report.baseDirectory : `${report.baseDirectory}/`).href;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Readiness',
            version: report.toolVersion,
            semanticVersion: report.toolVersion,
            informationUri: PROJECT_URL,
            rules: report.rules.map((rule) => {
              const markdown = helpMarkdown(rule.meta.id);
              return {
                id: rule.meta.id,
                name: ruleName(rule.meta.title),
                shortDescription: { text: rule.meta.title },
                fullDescription: { text: rule.meta.title },
                helpUri: ruleDocUrl(rule.meta.id),
                ...(markdown ? { help: { text: rule.meta.title, markdown } } : {}),
                defaultConfiguration: { level: LEVEL[rule.meta.defaultSeverity] },
                properties: { category: rule.meta.category, tags: ['production-readiness', rule.meta.category] },
              };
            }),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: baseUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [...report.skipped, ...report.warnings].map((note) => ({
              level: note.kind === 'skipped' ? 'note' : 'warning',
              message: { text: `${note.kind === 'skipped' ? 'Skipped' : 'Note'}: ${note.message} (${note.reason})` },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(note.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results: report.findings.map((finding) => {
          const artifactLocation = { uri: artifactUri(finding.path), uriBaseId: '%SRCROOT%' };
          const fixes = finding.fixes.filter((fix) => fix.kind !== 'suppress');
          return {
            ruleId: finding.ruleId,
            ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation,
                  region: {
                    startLine: finding.range.start.line + 1,
                    startColumn: finding.range.start.character + 1,
                    endLine: finding.range.end.line + 1,
                    endColumn: finding.range.end.character + 1,
                  },
                },
              },
            ],
            partialFingerprints: finding.fingerprint ? { [FINGERPRINT_KEY]: finding.fingerprint } : {},
            ...(fixes.length > 0
              ? {
                  fixes: fixes.map((fix) => ({
                    description: { text: fix.title },
                    artifactChanges: [
                      {
                        artifactLocation,
                        replacements: fix.edits.map((edit) => ({
                          deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
                          insertedContent: { text: edit.newText },
                        })),
                      },
                    ],
                  })),
                }
              : {}),
          };
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
