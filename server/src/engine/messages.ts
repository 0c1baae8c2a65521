/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than inventing text. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => (name in data ? String(data[name]) : placeholder));
}
