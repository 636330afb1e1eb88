// The figures of one run, printed: the load table, memory, the sitemap, start-up, the files one request runs,
// and last every target of the structure issue beside what was measured.
import type { Server } from './processes.js';
import {
  cpu,
  int,
  loadTable,
  mb,
  medianOf,
  ms,
  percent,
  print,
  printTargets,
  roundRatios,
  type Target,
} from './report.js';
import { median, type Rounds, type Scenario } from './rounds.js';
import type { SitemapFigures } from './sitemap.js';
import type { FirstRequest, NpmStartFigures } from './startup.js';
import type { WrkResult } from './wrk.js';

export interface Figures {
  scenarios: Scenario[];
  rounds: Rounds;
  servers: { cached: Server; uncached: Server; postgres: Server | null; poster: Server; bareArticle: Server };
  justStarted: Map<string, number>;
  afterLoad: Map<string, number>;
  published: number;
  sitemap: SitemapFigures;
  firstRequest: FirstRequest[];
  npmStart: NpmStartFigures | null;
  requestFiles: string;
}

export function summarise(f: Figures): void {
  const runs = (key: string) => f.rounds.runs.get(key) ?? [];
  const peak = (s: Server | null) => (s ? (f.rounds.peakRssMb.get(s.pid) ?? 0) : 0);
  const { cached, uncached, postgres, poster, bareArticle } = f.servers;

  print('\n## Load (wrk; medians of the rounds; CPU ms: what a request cost the answering process)');
  loadTable(f.scenarios, f.rounds.runs);
  print('\nMemory of each server process (VmRSS): just started (listening, idle 1 s) / highest under load');
  for (const s of [cached, uncached, postgres, poster]) {
    if (s) print(`  ${s.name.padEnd(20)} ${mb(f.justStarted.get(s.name) ?? 0)} / ${mb(peak(s))}`);
  }
  print(`  ${'bare node:http'.padEnd(20)} ${mb(peak(bareArticle))} under load`);

  const sm = f.sitemap;
  print(`\n## Sitemap (/sitemap-articles-1.xml of ${int(f.published)} published articles, uncached)`);
  print(
    `${int(sm.urls)} addresses, ${int(sm.bytes)} bytes; each render: ${sm.renderMs.map(ms).join(' / ')} ms; ` +
      `RSS before ${mb(sm.rssBeforeMb)}, highest while rendering ${mb(sm.rssPeakMb)}, after ${mb(sm.rssAfterMb)}`,
  );

  print('\n## Start');
  print(
    `spawn of node dist/server/main.js to the first 200 of an article: ${f.firstRequest.map((r) => ms(r.wallMs)).join(' / ')} ms ` +
      `(server CPU by then: ${f.firstRequest.map((r) => ms(r.cpuMs)).join(' / ')} ms)`,
  );
  if (f.npmStart) printNpmStart(f.npmStart);
  if (f.requestFiles) print(`\n## One article request\n${f.requestFiles.trimEnd()}`);

  const targets: Target[] = [];
  const bare = roundRatios(runs('cached'), runs('bare'));
  // Above 100 % the server outran the yardstick: the generator (or the machine) was the limit, not the server.
  targets.push({
    met: bare.median > 1 ? 'unsure' : bare.median >= 0.8,
    text:
      `cached article vs bare node:http, same bytes: ${percent(bare.median)} (rounds ${bare.each}); target >= 80 %` +
      (bare.median > 1 ? '; above 100 %: wrk or the machine, not the server, was the limit' : ''),
  });
  const rps = (key: string) => medianOf(runs(key), 'requestsPerSecond');
  const p99 = (key: string) => medianOf(runs(key), 'p99Ms');
  const cost = (key: string) => `server CPU ${cpu(runs(key))} ms a request`;
  targets.push({
    met: rps('uncached') >= 2500 && p99('uncached') <= 50,
    text: `uncached article, one process, SQLite: ${int(rps('uncached'))} req/s, p99 ${ms(p99('uncached'))} ms, ${cost('uncached')}; target >= 2,500 req/s, p99 <= 50 ms`,
  });
  if (postgres) {
    const pg = roundRatios(runs('postgres'), runs('uncached'));
    targets.push({
      met: pg.median >= 0.8,
      text: `uncached article, PostgreSQL vs SQLite: ${percent(pg.median)} (rounds ${pg.each}; ${int(rps('postgres'))} req/s, p99 ${ms(p99('postgres'))} ms, ${cost('postgres')}); target >= 80 %`,
    });
  } else targets.push({ met: null, text: 'PostgreSQL vs SQLite: skipped (BENCH_POSTGRES=0)' });
  targets.push({
    met: rps('home') >= 1500,
    text: `uncached home page: ${int(rps('home'))} req/s, p99 ${ms(p99('home'))} ms, ${cost('home')}; target >= 1,500 req/s`,
  });
  targets.push({
    met: rps('long-tail') >= 2000 && p99('long-tail') <= 50,
    text: `random long tail, cache on: ${int(rps('long-tail'))} req/s, p99 ${ms(p99('long-tail'))} ms, ${cost('long-tail')}; target >= 2,000 req/s, p99 <= 50 ms`,
  });
  const render = median(sm.renderMs);
  const fullSitemap = sm.urls >= 50_000;
  targets.push({
    met: fullSitemap && render <= 150,
    text:
      `sitemap of ${int(sm.urls)} addresses, uncached: ${ms(render)} ms a render (median; server CPU ${ms(sm.cpuMsPerRender)} ms); target <= 150 ms` +
      (fullSitemap ? '' : ' (fewer than 50,000 addresses: BENCH_ARTICLES too low to judge)'),
  });
  targets.push({
    met: sm.rssPeakMb <= 150,
    text: `sitemap memory: RSS ${mb(sm.rssBeforeMb)} before, ${mb(sm.rssPeakMb)} at most, ${mb(sm.rssAfterMb)} after; bounded: target <= 150 MB at most`,
  });
  const started = f.justStarted.get(cached.name) ?? 0;
  targets.push({
    met: started <= 100,
    text: `server RSS just started (default cache): ${mb(started)}; target <= 100 MB`,
  });
  targets.push({
    met: peak(cached) <= 150,
    text: `server RSS under load (default cache, long tail included): at most ${mb(peak(cached))}, ${mb(f.afterLoad.get(cached.name) ?? 0)} after; target <= 150 MB`,
  });
  if (f.npmStart) {
    const s = f.npmStart;
    const nodes = s.loaded.filter((p) => !/\bnpm\b/.test(p.command) && !/^(\S*\/)?sh /.test(p.command));
    const server = s.loaded.find((p) => p.pid === s.serverPid);
    targets.push({
      met: nodes.length === 1 && !!server && server.rssMb <= 150,
      text: `npm start, fresh directory: ${nodes.length} process(es) besides npm and sh, the server ${server ? mb(server.rssMb) : 'not found'} after load; target 1 server process <= 150 MB`,
    });
  }
  const first = median(f.firstRequest.map((r) => r.wallMs));
  targets.push({
    met: first <= 500,
    text: `first request after start, existing database: ${ms(first)} ms (median of ${f.firstRequest.length}; server CPU ${ms(median(f.firstRequest.map((r) => r.cpuMs)))} ms); target <= 500 ms`,
  });
  const files = /: (\d+) \(target <= 8\)/.exec(f.requestFiles);
  if (files) {
    targets.push({
      met: Number(files[1]) <= 8,
      text: `project files one uncached article request runs: ${files[1]}; target <= 8`,
    });
  }
  const size = /(\d+) files, median (\d+) lines, p90 (\d+), (\d+) files over 200/.exec(f.requestFiles);
  if (size) {
    targets.push({
      met: Number(size[2]) <= 80 && Number(size[3]) <= 200,
      text: `src/ file size: median ${size[2]} lines, p90 ${size[3]} (${size[4]} of ${size[1]} files over 200); target median <= 80, p90 <= 200`,
    });
  }
  commentTargets(targets, runs);

  print('\n## Targets');
  printTargets(targets);
}

function commentTargets(targets: Target[], runs: (key: string) => WrkResult[]) {
  // A cached page costs a lookup and a write whatever is on it; only its bytes differ: each page is measured
  // against bare node:http sending its own bytes.
  const withComments = roundRatios(runs('cached-comments'), runs('bare-comments'));
  const without = roundRatios(runs('cached'), runs('bare'));
  targets.push({
    met:
      withComments.median > 1 || without.median > 1 ? 'unsure' : withComments.median >= 0.9 * without.median,
    text: `cached article with 1,000 comments vs bare, same bytes: ${percent(withComments.median)}, without comments ${percent(without.median)}; target: the comments cost the cached page nothing (>= 90 % of the share without)`,
  });
  const uncached = roundRatios(runs('uncached-comments'), runs('uncached'));
  targets.push({
    met: null,
    text: `uncached article with 1,000 comments vs without: ${percent(uncached.median)} (rounds ${uncached.each}); the comment threads are rendered anew too`,
  });
  targets.push({
    met: null,
    text: `posting comments through the moderation rules: ${int(medianOf(runs('posting'), 'requestsPerSecond'))} comments/s, p99 ${ms(medianOf(runs('posting'), 'p99Ms'))} ms`,
  });
}

function printNpmStart(s: NpmStartFigures): void {
  print(
    `npm start on a fresh directory: the home page answered ${(s.startedMs / 1000).toFixed(1)} s after spawn`,
  );
  print('  pid       RSS ready → after 5 s of load   command');
  for (const p of s.ready) {
    const after = s.loaded.find((l) => l.pid === p.pid);
    const listening = p.pid === s.serverPid ? '   <- listening' : '';
    print(
      `  ${String(p.pid).padEnd(8)} ${mb(p.rssMb).padStart(7)} → ${(after ? mb(after.rssMb) : 'gone').padEnd(18)} ${p.command.slice(0, 70)}${listening}`,
    );
  }
}
