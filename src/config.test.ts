import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives a working default for a fresh machine: SQLite under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('sqlite:./data/broadsheet.sqlite');
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.seedDemo).toBe(true);
  });

  it('names the wrong setting and why in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Setting PORT is invalid: .*\(got "eighty"\)$/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL.*must start with sqlite: or postgres:\/\//,
    );
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/SEED_DEMO/);
  });

  it('never echoes a password or secret it rejects', () => {
    let message = '';
    try {
      loadConfig({ REDIS_URL: 'http://user:hunter2@host' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('REDIS_URL');
    expect(message).not.toContain('hunter2');
    expect(() => loadConfig({ APP_SECRET: 'short-secret' })).toThrow(/APP_SECRET.*\*\*\*/);
  });

  it('accepts PostgreSQL and strips a trailing slash from the public URL', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PUBLIC_URL: 'https://news.example.org/',
    });
    expect(c.databaseUrl).toMatch(/^postgres:/);
    expect(c.publicUrl).toBe('https://news.example.org');
  });

  it('runs one image at a time with four waiting, at most 50 megapixels, unless told otherwise, and refuses nonsense', () => {
    expect(loadConfig({}).images).toEqual({ concurrency: 1, maxWaiting: 4, maxPixels: 50_000_000 });
    expect(
      loadConfig({ IMAGE_CONCURRENCY: '2', IMAGE_QUEUE_LENGTH: '0', IMAGE_MAX_MEGAPIXELS: '24' }).images,
    ).toEqual({
      concurrency: 2,
      maxWaiting: 0,
      maxPixels: 24_000_000,
    });
    expect(() => loadConfig({ IMAGE_MAX_MEGAPIXELS: '0' })).toThrow(/IMAGE_MAX_MEGAPIXELS/);
    expect(() => loadConfig({ IMAGE_MAX_MEGAPIXELS: 'huge' })).toThrow(/IMAGE_MAX_MEGAPIXELS/);
    expect(() => loadConfig({ IMAGE_CONCURRENCY: '0' })).toThrow(/IMAGE_CONCURRENCY/);
    expect(() => loadConfig({ IMAGE_QUEUE_LENGTH: 'lots' })).toThrow(/IMAGE_QUEUE_LENGTH/);
  });

  it('names the site on a shared Redis by SITE_ID, else by its public address, and bounds database waits', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://news.example.org/' }).siteId).toBe('https://news.example.org');
    expect(loadConfig({ PUBLIC_URL: 'https://news.example.org', SITE_ID: 'gazette' }).siteId).toBe('gazette');
    expect(() => loadConfig({ SITE_ID: 'two words' })).toThrow(/SITE_ID/);
    const c = loadConfig({});
    expect(c.databaseTimeoutMs).toBe(3000);
    expect(c.databaseStatementTimeoutMs).toBe(5000);
    expect(c.invalidationPollMs).toBe(2000);
    expect(c.staleIfErrorSeconds).toBe(86400);
  });

  it('trusts no proxy by default, and only the proxies TRUST_PROXY names by address or network', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).trustProxy).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,2001:db8::/32,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '2001:db8::/32',
      'loopback',
    ]);
  });

  it('refuses TRUST_PROXY=true or a hop count, which take a client at its word, and says what to write', () => {
    for (const value of ['true', 'yes', 'TRUE', '1', '2']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        /^Setting TRUST_PROXY is invalid: .*give the proxies' addresses or networks, separated by commas/,
      );
    }
    for (const value of [
      '10.0.0.0/33',
      '10.0.0',
      'proxy.example.org',
      '10.0.0.1,,',
      '::1/129',
      '10.0.0.0/8/8',
    ]) {
      expect(() => loadConfig({ TRUST_PROXY: value }), value).toThrow(/^Setting TRUST_PROXY is invalid/);
    }
  });
});
