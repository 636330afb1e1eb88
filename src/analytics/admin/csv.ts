// CSV as spreadsheets read it (RFC 4180 quoting) and safe to open: a cell beginning with = + - @ (or a tab or
// carriage return, which some spreadsheets skip first) would run as a formula, so it is written as text.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
