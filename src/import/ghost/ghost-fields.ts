// Reading Ghost's rows, whose columns changed over versions 1 to 5: text that may be missing or null,
// booleans stored as 0/1, and times as ISO strings, SQL datetimes or (0.x) milliseconds.
import type { GhostRow } from './ghost-document.js';

export function text(row: GhostRow, key: string): string | undefined {
  const value = row[key];
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function flag(row: GhostRow, key: string): boolean {
  const value = row[key];
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** ISO-8601 UTC, or undefined for a missing or unreadable time. */
export function time(row: GhostRow, key: string): string | undefined {
  const value = row[key];
  let date: Date;
  if (typeof value === 'number') date = new Date(value);
  else if (typeof value === 'string' && value.trim()) {
    // Ghost's SQL datetimes ("2017-08-01 10:00:00") are UTC without saying so.
    const iso = value.includes('T') ? value : `${value.trim().replace(' ', 'T')}`;
    date = new Date(/(Z|[+-]\d\d:?\d\d)$/.test(iso) ? iso : `${iso}Z`);
  } else return undefined;
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Rows of a relation table grouped by one column, each group in Ghost's sort_order. */
export function groupBy(rows: GhostRow[], key: string): Map<string, GhostRow[]> {
  const groups = new Map<string, GhostRow[]>();
  for (const row of rows) {
    const id = text(row, key);
    if (id === undefined) continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => Number(a.sort_order ?? 0) - Number(b.sort_order ?? 0));
  }
  return groups;
}
