export const PROJECT_URL = 'https://github.com/readiness-dev/readiness';

/** Where each rule's documentation page is published: `docs/rules/<id>.md` of the repository. */
export const DOCS_BASE_URL = `${PROJECT_URL}/blob/main/docs/rules/`;

/** The one function that builds a rule's help link, for SARIF, the CLI and the language server. */
export function ruleDocUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}
