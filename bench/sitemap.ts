// The largest page the site makes: an article sitemap of 50,000 addresses, rendered anew each time (no page
// cache), on a server started for it alone, timed one request after another, with the server's memory before,
// at its highest while rendering, and after.
import { cpuMs, rssMb, sampleRss } from './proc.js';
import { getOk, startBroadsheet } from './processes.js';

export interface SitemapFigures {
  renderMs: number[];
  /** CPU time of the server per render (what the wall time would be on a core of its own). */
  cpuMsPerRender: number;
  urls: number;
  bytes: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssAfterMb: number;
}

export async function measureSitemap(
  env: Record<string, string>,
  logDir: string,
  renders: number,
): Promise<SitemapFigures> {
  const server = await startBroadsheet('sitemap', { ...env, PAGE_CACHE_MB: '0' }, logDir);
  try {
    // Settled after start-up, as a server is when a crawler comes.
    await new Promise((r) => setTimeout(r, 1000));
    const rssBeforeMb = rssMb(server.pid);
    const sampler = sampleRss([server.pid], 10);
    const renderMs: number[] = [];
    const cpuBefore = cpuMs(server.pid);
    let body: Buffer = Buffer.alloc(0);
    for (let i = 0; i < renders; i++) {
      const started = performance.now();
      body = (await getOk(`${server.base}/sitemap-articles-1.xml`)).body;
      renderMs.push(performance.now() - started);
    }
    const rssPeakMb = sampler.stop().get(server.pid) ?? 0;
    return {
      renderMs,
      cpuMsPerRender: (cpuMs(server.pid) - cpuBefore) / renders,
      urls: body.toString().split('<url>').length - 1,
      bytes: body.length,
      rssBeforeMb,
      rssPeakMb,
      rssAfterMb: rssMb(server.pid),
    };
  } finally {
    await server.stop();
  }
}
