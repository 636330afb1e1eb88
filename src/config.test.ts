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

describe('media storage settings', () => {
  it('keeps media in MEDIA_DIR by default, served from /media/', () => {
    const c = loadConfig({ MEDIA_DIR: '/srv/media' });
    expect(c.mediaStorage).toEqual({ kind: 'local', dir: '/srv/media' });
    expect(c.mediaPublicUrl).toBeNull();
  });

  it('reads a bucket, its prefix, endpoint, region, path style and keys; the public address without its trailing slash', () => {
    const c = loadConfig({
      MEDIA_STORAGE: 's3://news-media/site-a/media/',
      S3_ENDPOINT: 'https://minio.example.net:9000',
      S3_REGION: 'eu-west-3',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
      MEDIA_PUBLIC_URL: 'https://cdn.example.net/media/',
    });
    expect(c.mediaStorage).toEqual({
      kind: 's3',
      bucket: 'news-media',
      prefix: 'site-a/media',
      endpoint: 'https://minio.example.net:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' },
    });
    expect(c.mediaPublicUrl).toBe('https://cdn.example.net/media');
    const bare = loadConfig({ MEDIA_STORAGE: 's3://news-media' }).mediaStorage;
    expect(bare).toMatchObject({
      bucket: 'news-media',
      prefix: '',
      region: 'us-east-1',
      forcePathStyle: false,
    });
    expect(bare).toMatchObject({ endpoint: undefined, credentials: undefined });
  });

  it('names a wrong value in one line, without the secret key', () => {
    const line = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(line({ MEDIA_STORAGE: 'minio://media' })).toBe(
      'Setting MEDIA_STORAGE is invalid: must be s3://bucket or s3://bucket/prefix (unset keeps media in MEDIA_DIR) (got "minio://media")',
    );
    expect(line({ MEDIA_STORAGE: 's3://My_Bucket' })).toMatch(
      /^Setting MEDIA_STORAGE is invalid: "My_Bucket" is not a bucket name/,
    );
    expect(line({ MEDIA_STORAGE: 's3://media/../up' })).toMatch(/the prefix "\.\.\/up" may hold only/);
    expect(line({ MEDIA_PUBLIC_URL: 'cdn.example.net' })).toMatch(/^Setting MEDIA_PUBLIC_URL is invalid/);
    expect(line({ MEDIA_PUBLIC_URL: 'https://cdn.example.net/?v=1' })).toContain('must not have a query');
    expect(line({ S3_ENDPOINT: 'ftp://store.example.net' })).toContain('must start with http:// or https://');
    const withKeys = line({ S3_ENDPOINT: 'http://key:hunter2@store.example.net' });
    expect(withKeys).toContain('must not hold a user or password');
    expect(withKeys).not.toContain('hunter2');
    expect(line({ S3_FORCE_PATH_STYLE: 'sometimes' })).toMatch(/^Setting S3_FORCE_PATH_STYLE is invalid/);
    expect(line({ S3_REGION: 'EU West' })).toContain('must be a region name');
    expect(line({ AWS_ACCESS_KEY_ID: 'my key' })).toContain('must be an access key id');
    expect(line({ AWS_ACCESS_KEY_ID: 'my key' })).toContain('must be an access key id');
    const half = line({ MEDIA_STORAGE: 's3://media', AWS_SECRET_ACCESS_KEY: 'hunter2-secret' });
    expect(half).toBe(
      'Settings AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together, or neither.',
    );
  });
});

describe('CDN purge settings', () => {
  const cloudflare = {
    CDN_PURGE: 'cloudflare',
    CLOUDFLARE_ZONE_ID: '023e105f4ecef8ad9ca31a8372d0c353',
    CLOUDFLARE_API_TOKEN: 'cf-token-abcdefghijklmnopqrstuvwxyz',
  };

  it('purges nothing by default', () => {
    expect(loadConfig({}).cdnPurge).toBeNull();
    expect(loadConfig({ CDN_PURGE: 'off', FASTLY_API_TOKEN: 'x'.repeat(32) }).cdnPurge).toBeNull();
  });

  it("reads Cloudflare's and Fastly's settings, the CDNs' own API unless another address is given", () => {
    expect(loadConfig(cloudflare).cdnPurge).toEqual({
      kind: 'cloudflare',
      zoneId: cloudflare.CLOUDFLARE_ZONE_ID,
      apiToken: cloudflare.CLOUDFLARE_API_TOKEN,
      apiUrl: 'https://api.cloudflare.com',
      edgeMaxAgeSeconds: 86400,
    });
    expect(
      loadConfig({
        CDN_PURGE: 'fastly',
        FASTLY_SERVICE_ID: 'SU1Z0isxPaozGVKXdv0eY',
        FASTLY_API_TOKEN: 'fastly-token-abcdefghijklmnop',
        FASTLY_SOFT_PURGE: 'true',
        CDN_PURGE_API_URL: 'http://127.0.0.1:8443/',
        CDN_PURGED_MAX_AGE_SECONDS: '3600',
      }).cdnPurge,
    ).toEqual({
      kind: 'fastly',
      serviceId: 'SU1Z0isxPaozGVKXdv0eY',
      apiToken: 'fastly-token-abcdefghijklmnop',
      softPurge: true,
      apiUrl: 'http://127.0.0.1:8443',
      edgeMaxAgeSeconds: 3600,
    });
  });

  it('refuses a CDN without its ids and token, a wrong zone id, and never echoes a token', () => {
    expect(() =>
      loadConfig({ CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: cloudflare.CLOUDFLARE_ZONE_ID }),
    ).toThrow('CDN_PURGE=cloudflare needs CLOUDFLARE_ZONE_ID and CLOUDFLARE_API_TOKEN.');
    expect(() => loadConfig({ CDN_PURGE: 'fastly' })).toThrow(/FASTLY_SERVICE_ID and FASTLY_API_TOKEN/);
    expect(() => loadConfig({ CDN_PURGE: 'akamai' })).toThrow(/CDN_PURGE/);
    expect(() => loadConfig({ ...cloudflare, CLOUDFLARE_ZONE_ID: 'example.org' })).toThrow(/32 hexadecimal/);
    expect(() => loadConfig({ ...cloudflare, CLOUDFLARE_API_TOKEN: 'short secret' })).toThrow(
      /^Setting CLOUDFLARE_API_TOKEN is invalid: must be an API token \(got "\*\*\*"\)$/,
    );
    expect(() => loadConfig({ CDN_PURGE: 'fastly', FASTLY_API_TOKEN: 'has a space in it, secret' })).toThrow(
      /FASTLY_API_TOKEN.*"\*\*\*"/,
    );
  });
});
