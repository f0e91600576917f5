/**
 * CSV (RFC 4180) for the analytics exports. Pure.
 *
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or carriage
 * return that some spreadsheets strip first) get a leading apostrophe, as OWASP advises against CSV
 * injection: a referral source named "=HYPERLINK(...)" must stay text. Numbers are written as numbers.
 */

export type CsvCell = string | number | null;

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document: header then rows, CRLF line ends as RFC 4180 asks. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(","))
    .join("\r\n")
    .concat("\r\n");
}
