// First-party audience analytics (src/analytics/): the raw events, kept for ANALYTICS_RETENTION_DAYS, their
// hourly and daily roll-ups, kept forever, the day's salt for visitor hashes, and how far the roll-ups got.
import type { Kysely } from 'kysely';
import { columnTypes } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('analytics_events')
    .addColumn('id', t.postgres ? 'bigserial' : 'integer', t.idColumn)
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer')
    .addColumn('section_id', 'integer')
    .addColumn('author_id', 'integer')
    // A keyed hash of the day's salt, the site, the address and the browser; null with DNT or GPC.
    .addColumn('visitor', 'text')
    .addColumn('source', 'text') // the referrer's host or utm_source; null: direct
    .addColumn('campaign', 'text')
    .addColumn('medium', 'text')
    .addColumn('device', 'text', (c) => c.notNull())
    // Read depth's percentage, or engaged seconds in a heartbeat; 0 for the other kinds.
    .addColumn('value', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('analytics_events_occurred_at')
    .on('analytics_events')
    .column('occurred_at')
    .execute();

  await db.schema
    .createTable('analytics_rollups')
    .addColumn('granularity', 'text', (c) => c.notNull()) // 'hour' or 'day'
    .addColumn('bucket', t.timestamp, (c) => c.notNull()) // the hour's or UTC day's start
    .addColumn('dimension', 'text', (c) => c.notNull()) // site, article, section, author, source, campaign, device
    .addColumn('dimension_value', 'text', (c) => c.notNull()) // '' for the site
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('visitors', 'integer', (c) => c.notNull())
    .addColumn('engaged_seconds', 'integer', (c) => c.notNull())
    .addColumn('depth_25', 'integer', (c) => c.notNull())
    .addColumn('depth_50', 'integer', (c) => c.notNull())
    .addColumn('depth_75', 'integer', (c) => c.notNull())
    .addColumn('depth_100', 'integer', (c) => c.notNull())
    .addColumn('expands', 'integer', (c) => c.notNull())
    .addColumn('app_clicks', 'integer', (c) => c.notNull())
    .addColumn('support_clicks', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_rollups_pk', [
      'granularity',
      'dimension',
      'bucket',
      'dimension_value',
    ])
    .execute();
  await db.schema
    .createIndex('analytics_rollups_by_value')
    .on('analytics_rollups')
    .columns(['granularity', 'dimension', 'dimension_value', 'bucket'])
    .execute();

  await db.schema
    .createTable('analytics_salts')
    .addColumn('day', 'text', (c) => c.primaryKey()) // YYYY-MM-DD, UTC
    .addColumn('salt', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('analytics_rollup_state')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('rolled_until', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema as it was, not as it is.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_rollup_state').execute();
  await db.schema.dropTable('analytics_salts').execute();
  await db.schema.dropTable('analytics_rollups').execute();
  await db.schema.dropTable('analytics_events').execute();
}
