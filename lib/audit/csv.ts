// CSV cells for the audit export (RFC 4180: quoted when they hold a comma, a quote or a line
// break, quotes doubled). A cell that a spreadsheet would run as a formula (it starts with
// = + - @, or a tab or carriage return) is prefixed with ' so that it stays text.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvRow = (cells: string[]): string => `${cells.map(csvCell).join(",")}\r\n`;
