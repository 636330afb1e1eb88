// The tab icon: drawn from the site name, served where browsers look for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/support/app.js';
import { siteIconSvg } from './site-icon.js';

describe('siteIconSvg', () => {
  it('draws the first letter of the name, skipping a leading "The", and escapes it', () => {
    expect(siteIconSvg('The Riverside Ledger')).toContain('>R</text>');
    expect(siteIconSvg('<script>')).toContain('>&lt;</text>');
    expect(siteIconSvg('   ')).toContain('>B</text>');
  });
});

describe('icon routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('serves /favicon.svg and sends /favicon.ico there', async () => {
    const ico = await t.app.inject('/favicon.ico');
    expect(ico.statusCode).toBe(301);
    expect(ico.headers.location).toBe('/favicon.svg');
    const svg = await t.app.inject('/favicon.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
