/** Escaping for the export formats. Every value taken from the board goes through one of these. */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML element content and inside double- or single-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Multi-line text for HTML: escaped, line breaks kept as <br>. */
export function escapeHtmlLines(value: unknown): string {
  return escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * A text cell for CSV that a spreadsheet will not run as a formula (CSV/formula injection):
 * text starting with = + - @ or a tab / carriage return gets a leading apostrophe, as OWASP
 * recommends. Quoting of commas, quotes and line breaks is csv-stringify's job.
 */
export function csvText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
