// Related rows fetched as JSON inside one query (an article's authors and tags, a card's hero), in the
// form each dialect knows: SQLite's json_group_array, PostgreSQL's json_agg. One query instead of one per
// relation, and no query per row.
import * as pg from 'kysely/helpers/postgres';
import * as sqlite from 'kysely/helpers/sqlite';
import type { Dialect } from './prepared.js';

// The helpers' own parameter type, which Kysely does not export by name.
type SelectQueryBuilderExpression<O> = Parameters<typeof sqlite.jsonArrayFrom<O>>[0];

export function jsonArrayFrom<O>(dialect: Dialect, expr: SelectQueryBuilderExpression<O>) {
  return dialect === 'postgres' ? pg.jsonArrayFrom(expr) : sqlite.jsonArrayFrom(expr);
}

export function jsonObjectFrom<O>(dialect: Dialect, expr: SelectQueryBuilderExpression<O>) {
  return dialect === 'postgres' ? pg.jsonObjectFrom(expr) : sqlite.jsonObjectFrom(expr);
}

/** A JSON column as a value: SQLite hands back its text, PostgreSQL's driver has parsed it already. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * A time inside a JSON column as the ISO string storage speaks everywhere else: PostgreSQL writes
 * timestamptz into JSON in its own form ("2026-11-20T10:00:00+00:00").
 */
export function isoTime(value: string): string;
export function isoTime(value: string | null): string | null;
export function isoTime(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
