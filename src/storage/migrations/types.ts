// Column types that differ between the two dialects, so that one migration serves both.
import { type ColumnDataType, type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

export interface ColumnTypes {
  id: ColumnDataType;
  timestamp: ColumnDataType;
  text: ColumnDataType;
  postgres: boolean;
  /** Constraints of an `id` column: PostgreSQL's serial counts by itself; SQLite needs AUTOINCREMENT. */
  idColumn: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the database as it was then, untyped.
export function columnTypes(db: Kysely<any>): ColumnTypes {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    id: postgres ? 'serial' : 'integer',
    timestamp: postgres ? 'timestamptz' : 'text',
    text: 'text',
    postgres,
    idColumn: (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()),
  };
}
