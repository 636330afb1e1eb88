// npm run bench:search: search latency over BENCH_SEARCH_ARTICLES (100,000) generated published articles of
// about 800 words each, on SQLite and on PostgreSQL. Words are drawn from a 30,000-word vocabulary with
// Zipf's law (a hundred function words on top, some accented words), so that common, middling and rare words
// match as many articles as in real writing. The articles go in with multi-row inserts, then through the
// application's own indexing (indexStaleArticles); then searchArticles, as the reader page calls it (a page
// of 10 with its total and passages), runs each kind of query; the figures are per kind and over the mix.
// BENCH_SEARCH_KEEP=1 keeps both databases (in the temp folder, and a PostgreSQL database named
// bench_search_kept) and a later run with it searches them again without writing them anew;
// BENCH_SEARCH_ONLY=sqlite or postgres runs one.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { searchArticles } from '../src/search/search-articles.js';
import { indexStaleArticles } from '../src/search/search-index.js';
import { openStorage } from '../src/storage/db.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { dialectOf } from '../src/storage/prepared.js';
import type { Database } from '../src/storage/schema.js';
import { createBenchDatabase, postgresServerUrl } from './postgres.js';
import { int, ms, print, progress } from './report.js';

const env = process.env;
const ARTICLES = Number(env.BENCH_SEARCH_ARTICLES ?? 100_000);
const QUERIES_PER_KIND = Number(env.BENCH_SEARCH_QUERIES ?? 60);
const WORDS_PER_ARTICLE = 800;
const WORDS_PER_PARAGRAPH = 80;
const VOCABULARY = 30_000;
const TARGET_P95_MS = 50;

// A fixed seed: every run searches the same articles with the same queries.
let seed = 0x2f6e2b1;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const FUNCTION_WORDS =
  `the of and to a in is that for it as was with be by on not he this are or his from at which but
  have an they you were her she there been one all we their has would when if so no will can more about said
  out up them some could what into than its only other new also after two over first may most then these like
  did people any where just made such years before many through much should well because those way each
  between very even back still while last here three against since both time under year day week city council
  government police school state president minister report told public local national`.split(/\s+/);
const SYLLABLES = `ka to ri me so lu na pe di ro ve ta mi no sa le bu fa ki ga ho ze ju ni ra mo te li da po
  ne cu vi se la bo fe gi ko ma du re ti wa ye zo qui tra pla ster ven mar lin dor bel cas fen gor hal`.split(
  /\s+/,
);
const ACCENTED = [
  'café',
  'résumé',
  'naïve',
  'façade',
  'élan',
  'crème',
  'brûlée',
  'señor',
  'jalapeño',
  'über',
];

function buildVocabulary(): string[] {
  const words = new Set<string>(FUNCTION_WORDS);
  for (const w of ACCENTED) words.add(w);
  while (words.size < VOCABULARY) {
    const n = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < n; i++) word += pick(SYLLABLES);
    words.add(word);
  }
  // Accented words sit among the middling ones, not the function words.
  const list = [...words].filter((w) => !ACCENTED.includes(w));
  list.splice(800, 0, ...ACCENTED);
  return list;
}

const vocabulary = buildVocabulary();
// Cumulative Zipf weights (s = 1): the word of rank r is drawn with probability proportional to 1/r.
const cumulative = new Float64Array(vocabulary.length);
{
  let total = 0;
  for (let r = 0; r < vocabulary.length; r++) {
    total += 1 / (r + 1);
    cumulative[r] = total;
  }
  for (let r = 0; r < vocabulary.length; r++) cumulative[r]! /= total;
}
function zipfWord(): string {
  const x = random();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}

function sentence(words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(zipfWord());
  const text = parts.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

function paragraph(words: number): string {
  const sentences: string[] = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 8 + Math.floor(random() * 16));
    sentences.push(sentence(n));
    left -= n;
  }
  return sentences.join(' ');
}

function bodyJson(): string {
  const content = [];
  for (let w = 0; w < WORDS_PER_ARTICLE; w += WORDS_PER_PARAGRAPH) {
    content.push({ type: 'paragraph', content: [{ type: 'text', text: paragraph(WORDS_PER_PARAGRAPH) }] });
  }
  return JSON.stringify({ type: 'doc', content });
}

const ROWS_PER_INSERT = 500;
const INSERTS_PER_TRANSACTION = 10;

async function generate(db: Kysely<Database>, sectionIds: number[]): Promise<void> {
  const start = Date.parse('2026-11-01T00:00:00.000Z');
  const perTransaction = ROWS_PER_INSERT * INSERTS_PER_TRANSACTION;
  for (let first = 0; first < ARTICLES; first += perTransaction) {
    await db.transaction().execute(async (trx) => {
      for (let i = first; i < Math.min(ARTICLES, first + perTransaction); i += ROWS_PER_INSERT) {
        const rows = [];
        for (let k = i; k < Math.min(ARTICLES, i + ROWS_PER_INSERT); k++) {
          // Oldest first, as a newsroom writes them: later articles have higher ids.
          const at = new Date(start - (ARTICLES - k) * 15 * 60_000).toISOString();
          rows.push({
            slug: `story-${k}`,
            headline: sentence(6 + Math.floor(random() * 6)).slice(0, -1),
            seo_headline: null,
            social_headline: null,
            dek: sentence(14 + Math.floor(random() * 10)),
            body: bodyJson(),
            status: 'published' as const,
            work_type: 'news' as const,
            section_id: pick(sectionIds),
            hero_media_id: null,
            dateline: null,
            published_at: at,
            updated_at: null,
            scheduled_at: null,
            created_at: at,
            modified_at: at,
          });
        }
        await trx.insertInto('articles').values(rows).execute();
      }
    });
    if ((first / perTransaction) % 4 === 0)
      progress(`${int(Math.min(ARTICLES, first + perTransaction))} articles`);
  }
}

type Kind = 'middling word' | 'two words' | 'rare word' | 'prefix*' | '"phrase"' | 'common word';

/** Queries of each kind, drawn from the vocabulary's ranks (phrases from the articles themselves). */
async function queries(db: Kysely<Database>): Promise<Array<{ kind: Kind; q: string }>> {
  const rank = (from: number, to: number) => vocabulary[from + Math.floor(random() * (to - from))]!;
  const bodies = await db
    .selectFrom('articles')
    .select('body')
    .where(
      'id',
      'in',
      Array.from({ length: QUERIES_PER_KIND }, () => 1 + Math.floor(random() * ARTICLES)),
    )
    .execute();
  const list: Array<{ kind: Kind; q: string }> = [];
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    list.push({ kind: 'middling word', q: rank(300, 5_000) });
    list.push({ kind: 'two words', q: `${rank(200, 3_000)} ${rank(200, 3_000)}` });
    list.push({ kind: 'rare word', q: rank(5_000, VOCABULARY) });
    list.push({ kind: 'prefix*', q: `${rank(300, 5_000).slice(0, 4)}*` });
    // Two words that follow each other in an article, neither a function word: a phrase someone remembers.
    const text = (
      JSON.parse(bodies[i % bodies.length]!.body) as { content: Array<{ content: Array<{ text: string }> }> }
    ).content
      .map((p) => p.content[0]!.text)
      .join(' ');
    const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
    let at = Math.floor(random() * (words.length - 1));
    while (
      at < words.length - 2 &&
      (FUNCTION_WORDS.includes(words[at]!) || FUNCTION_WORDS.includes(words[at + 1]!))
    )
      at++;
    list.push({ kind: '"phrase"', q: `"${words[at]} ${words[at + 1]}"` });
    list.push({ kind: 'common word', q: rank(110, 300) });
  }
  return list;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function indexSize(db: Kysely<Database>, file?: string): Promise<string> {
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ table: string; vectors: string; gin: string }>`select
      pg_size_pretty(pg_total_relation_size('article_search')) as table,
      pg_size_pretty(pg_column_size_sum) as vectors,
      pg_size_pretty(pg_relation_size('article_search_document')) as gin
      from (select sum(pg_column_size(document))::bigint as pg_column_size_sum from article_search) s`.execute(
      db,
    );
    const r = rows[0]!;
    return `article_search ${r.table} in all (tsvectors ${r.vectors}, GIN index ${r.gin}; the rest is the text kept for passages)`;
  }
  const { rows } = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat
    where name like 'article_search%' group by name order by name`.execute(db);
  const total = rows.reduce((n, r) => n + Number(r.bytes), 0);
  const parts = rows.map(
    (r) => `${r.name.replace('article_search', '') || '(table)'} ${int(Number(r.bytes) / 1048576)} MB`,
  );
  const fileSize = file ? `; database file ${int(statSync(file).size / 1048576)} MB` : '';
  return `FTS5 ${int(total / 1048576)} MB in all (${parts.join(', ')})${fileSize}`;
}

async function run(name: string, url: string, file?: string): Promise<boolean> {
  // The first fill builds PostgreSQL's GIN indexes over every article in one statement: longer than the
  // timeout meant for requests on this shared machine.
  const storage = openStorage(url, { statementTimeoutMs: 600_000 });
  const { db } = storage;
  try {
    await migrateToLatest(db);
    const sectionIds: number[] = [];
    for (const slug of ['news', 'politics', 'culture', 'sport', 'science']) {
      const row = await db
        .insertInto('sections')
        .values({ slug, name: slug, description: '', position: sectionIds.length })
        .onConflict((oc) => oc.column('slug').doUpdateSet({ name: slug }))
        .returning('id')
        .executeTakeFirstOrThrow();
      sectionIds.push(row.id);
    }
    const existing = await db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) >= ARTICLES) {
      print(`${name}: searching the ${int(Number(existing.n))} articles kept from an earlier run`);
    } else {
      const started = performance.now();
      await generate(db, sectionIds);
      print(
        `${name}: ${int(ARTICLES)} articles written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
    const started = performance.now();
    const indexed = await indexStaleArticles(db);
    if (indexed > 0) {
      print(`${name}: ${int(indexed)} indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    await db.connection().execute(async (connection) => {
      if (dialectOf(db) === 'sqlite') return void (await sql`analyze`.execute(connection));
      // Longer than the statement timeout the application sets, and on its own connection.
      await sql`set statement_timeout = 0`.execute(connection);
      await sql`vacuum analyze article_search`.execute(connection);
      await sql`analyze articles`.execute(connection);
      await sql`reset statement_timeout`.execute(connection);
    });
    print(`${name}: index size: ${await indexSize(db, file)}`);

    const list = await queries(db);
    // Warm the caches as a serving instance would be: one pass not counted.
    for (const { q } of list) await searchArticles(db, { q, limit: 10, offset: 0 });
    const times = new Map<Kind | 'mix', number[]>();
    const totals = new Map<Kind, number[]>();
    for (const { kind, q } of list) {
      const t0 = performance.now();
      const result = await searchArticles(db, { q, limit: 10, offset: 0 });
      const took = performance.now() - t0;
      for (const key of [kind, 'mix'] as const) times.set(key, [...(times.get(key) ?? []), took]);
      totals.set(kind, [...(totals.get(kind) ?? []), result.total]);
    }
    print(
      `${name}: searchArticles, first page of 10 with total and passages, ${int(QUERIES_PER_KIND)} queries per kind`,
    );
    print('  kind            articles found (median)   p50 ms   p95 ms   max ms');
    let mixP95 = 0;
    for (const [kind, values] of times) {
      const sorted = [...values].sort((a, b) => a - b);
      const found = kind === 'mix' ? [] : [...totals.get(kind)!].sort((a, b) => a - b);
      const median = found.length ? int(found[Math.floor(found.length / 2)]!) : '';
      if (kind === 'mix') mixP95 = percentile(sorted, 95);
      print(
        `  ${kind.padEnd(16)}${median.padStart(24)}${ms(percentile(sorted, 50)).padStart(9)}${ms(percentile(sorted, 95)).padStart(9)}${ms(sorted[sorted.length - 1]!).padStart(9)}`,
      );
    }
    const met = mixP95 <= TARGET_P95_MS;
    print(
      `${name}: p95 over the mix ${ms(mixP95)} ms: target ≤ ${TARGET_P95_MS} ms ${met ? 'met' : 'NOT met'}`,
    );
    return met;
  } finally {
    await storage.close();
  }
}

const keep = env.BENCH_SEARCH_KEEP === '1';
const work = keep
  ? join(tmpdir(), 'broadsheet-search-bench')
  : mkdtempSync(join(tmpdir(), 'broadsheet-search-bench-'));
mkdirSync(work, { recursive: true });
const only = env.BENCH_SEARCH_ONLY;
print(
  `Search benchmark, ${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${int(ARTICLES)} articles of ${WORDS_PER_ARTICLE} words`,
);
let ok = true;
try {
  if (only !== 'postgres') {
    const file = join(work, 'search.sqlite');
    ok = (await run('SQLite', `sqlite:${file}`, file)) && ok;
  }
  if (only !== 'sqlite') {
    const pg: { url: string; drop?: () => Promise<void> } = keep
      ? await keptBenchDatabase()
      : await createBenchDatabase();
    try {
      ok = (await run('PostgreSQL', pg.url)) && ok;
    } finally {
      await pg.drop?.();
    }
  }
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
process.exitCode = ok ? 0 : 1;

/** The kept PostgreSQL database, made on the first run with BENCH_SEARCH_KEEP=1. */
async function keptBenchDatabase(): Promise<{ url: string }> {
  const name = 'bench_search_kept';
  const client = new pg.Client({ connectionString: postgresServerUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return { url: url.toString() };
}
