import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { csrfProtection } from './csrf.js';
import { DomainError } from './errors.js';

async function app() {
  const a = Fastify();
  a.setErrorHandler((e, _req, reply) =>
    reply.code(e instanceof DomainError ? e.status : 500).send({ code: (e as DomainError).code }),
  );
  await a.register(csrfProtection({ publicUrl: 'https://news.example.org' }));
  a.post('/form', async () => ({ ok: true }));
  a.post('/webhook', { config: { csrf: false } }, async () => ({ ok: true }));
  a.get('/page', async () => ({ ok: true }));
  return a;
}

describe('csrfProtection', () => {
  it('accepts a post from our own origin, by Sec-Fetch-Site or by Origin', async () => {
    const a = await app();
    expect(
      (await a.inject({ method: 'POST', url: '/form', headers: { 'sec-fetch-site': 'same-origin' } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await a.inject({ method: 'POST', url: '/form', headers: { origin: 'https://news.example.org' } }))
        .statusCode,
    ).toBe(200);
  });

  it('refuses a post from another site, and one that does not say where it came from', async () => {
    const a = await app();
    const crossSite = await a.inject({
      method: 'POST',
      url: '/form',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://news.example.org' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json()).toEqual({ code: 'FORBIDDEN' });
    expect(
      (await a.inject({ method: 'POST', url: '/form', headers: { origin: 'https://evil.example' } }))
        .statusCode,
    ).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/form', headers: { origin: 'null' } })).statusCode).toBe(
      403,
    );
    expect((await a.inject({ method: 'POST', url: '/form' })).statusCode).toBe(403);
  });

  it('leaves reads alone and lets a route that proves itself otherwise opt out', async () => {
    const a = await app();
    expect(
      (await a.inject({ method: 'GET', url: '/page', headers: { origin: 'https://evil.example' } }))
        .statusCode,
    ).toBe(200);
    expect((await a.inject({ method: 'POST', url: '/webhook' })).statusCode).toBe(200);
  });
});
