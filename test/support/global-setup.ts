// Once per test run: the browser assets the app serves, built as `npm run build` builds them (into
// dist/public; files already there from an identical build are kept), and a name for this run's
// PostgreSQL schemas, which are dropped when the run ends.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildAssets } from '../../scripts/build-assets.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = randomBytes(4).toString('hex');
  project.provide('testRunId', runId);
  await buildAssets();
  return async () => {
    const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const { rows } = await client.query<{ name: string }>(
        'select nspname as name from pg_namespace where starts_with(nspname, $1)',
        [`bt_${runId}_`],
      );
      for (const { name } of rows) await client.query(`drop schema if exists ${name} cascade`);
    } catch {
      // Without PostgreSQL there is nothing to drop.
    } finally {
      await client.end().catch(() => {});
    }
  };
}
