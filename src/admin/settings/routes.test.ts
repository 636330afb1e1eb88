// Site settings and sections through HTTP on both databases: errors beside their fields with everything
// typed kept, saves announced to the cache, and the reader site showing them at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/support/app.js';
import { testDatabases } from '../../../test/support/databases.js';
import { addStaff, type Browserish, follow, post, signInAs } from '../../../test/support/newsroom.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { readSiteSettings } from '../../site/settings.js';
import { SETTINGS_FIELDS } from './settings-fields.js';
import { settingsToForm } from './settings-form.js';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(':');

describe.each(testDatabases)('site settings on $name', (database) => {
  let site: TestApp;
  let admin: Browserish;
  const changes: string[] = [];

  beforeAll(async () => {
    site = await buildTestApp({ database });
    site.deps.events.onChange((tags) => changes.push(...tags));
    const { email } = await addStaff(site.storage.db, 'admin');
    admin = await signInAs(site.app, email);
  });
  afterAll(() => site.close());

  const current = async () => settingsToForm(await readSiteSettings(site.storage.db));

  it('shows every setting in the form', async () => {
    const page = await site.app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    for (const field of SETTINGS_FIELDS) expect(page.body, field.name).toContain(`name="${field.name}"`);
    expect(page.body).toContain('<option value="Europe/London">Europe/London</option>');
    expect(page.body).toContain('value="Broadsheet"');
  });

  it('puts each error beside its field and keeps everything typed, saving nothing', async () => {
    const typed = {
      ...(await current()),
      siteName: '   ',
      tagline: 'Local news <b>you</b> can use',
      language: 'English!',
      timeZone: 'Mars/Olympus_Mons',
      expandAfterParagraphs: 'lots',
      'app.iosAppStoreId': 'abc',
      'app.androidSha256Fingerprints': `${FINGERPRINT}\nnot-a-fingerprint`,
      'publisher.sameAs': 'https://social.example/@news\nnot a web address',
      'publisher.policies.ethicsPolicy': 'ftp://files.example/ethics',
      'publisher.foundingDate': '20xx',
      logoMediaId: '999',
    };
    const response = await post(site.app, '/admin/settings', typed, admin);
    expect(response.statusCode).toBe(400);
    const html = response.body;
    expect(html).toContain('The settings were not saved.');
    const errorOf = (name: string) => {
      const id = `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}-error`;
      return new RegExp(`id="${id}">([^<]+)<`).exec(html)?.[1];
    };
    expect(errorOf('siteName')).toBe('Site name is required.');
    expect(errorOf('logoMediaId')).toBe('There is no image with this number in the media library.');
    expect(errorOf('language')).toBe('Language must be a language tag such as en or en-GB.');
    expect(errorOf('timeZone')).toBe('Time zone must be an IANA time zone such as Europe/London.');
    expect(errorOf('expandAfterParagraphs')).toMatch(/must be a whole number/);
    expect(errorOf('app.iosAppStoreId')).toBe('iOS App Store id must be the numeric App Store id.');
    expect(errorOf('app.androidSha256Fingerprints')).toBe('Line 2: must be a SHA-256 fingerprint (AA:BB:…).');
    expect(errorOf('publisher.sameAs')).toBe('Line 2: must be a web address starting with https://.');
    expect(errorOf('publisher.policies.ethicsPolicy')).toBe(
      'Ethics policy must be a web address or a page of this site such as /ethics.',
    );
    expect(errorOf('publisher.foundingDate')).toMatch(
      /^Founded is not valid \(YYYY, YYYY-MM or YYYY-MM-DD\)\.$/,
    );
    // What was typed comes back, escaped.
    expect(html).toContain('value="Local news &lt;b>you&lt;/b> can use"');
    expect(html).toContain('value="English!"');
    expect(html).toContain('<option value="Mars/Olympus_Mons" selected>');
    expect(html).toContain('value="lots"');
    expect(html).toContain(`${FINGERPRINT}\nnot-a-fingerprint</textarea>`);
    expect(html).toContain('value="ftp://files.example/ethics"');
    expect(html).not.toContain('<b>you</b>');
    expect(await readSiteSettings(site.storage.db)).toMatchObject({ siteName: 'Broadsheet', language: 'en' });
    expect(changes).toEqual([]);
  });

  it('saves valid settings, announces the change, and the reader site shows them at once', async () => {
    const before = await site.app.inject({ url: '/' });
    expect(before.body).toContain('Broadsheet');
    const response = await post(
      site.app,
      '/admin/settings',
      {
        ...(await current()),
        siteName: 'The Valley Ledger',
        language: 'en-GB',
        timeZone: 'Europe/London',
        expandAfterParagraphs: '6',
        logoMediaId: '',
        'app.iosAppStoreId': '123456789',
        'app.androidPackage': 'org.valley.ledger',
        'app.androidSha256Fingerprints': `  ${FINGERPRINT}  \n\n`,
        'app.urlScheme': 'valleyledger',
        'publisher.sameAs': 'https://social.example/@ledger',
        'publisher.policies.correctionsPolicy': 'https://valley.example/corrections-policy',
      },
      admin,
    );
    expect(response.statusCode).toBe(303);
    expect((await follow(site.app, response, admin)).body).toContain('Settings saved.');
    const saved = await readSiteSettings(site.storage.db);
    expect(saved).toMatchObject({
      siteName: 'The Valley Ledger',
      language: 'en-GB',
      timeZone: 'Europe/London',
      expandAfterParagraphs: 6,
      logoMediaId: null,
      app: {
        iosAppStoreId: '123456789',
        androidPackage: 'org.valley.ledger',
        androidSha256Fingerprints: [FINGERPRINT],
        urlScheme: 'valleyledger',
      },
      publisher: { sameAs: ['https://social.example/@ledger'] },
    });
    expect(saved.publisher.policies.correctionsPolicy).toBe('https://valley.example/corrections-policy');
    expect(changes).toContain(EVERYTHING);
    const after = await site.app.inject({ url: '/' });
    expect(after.body).toContain('The Valley Ledger');
    expect(after.body).toContain('lang="en-GB"');
  });

  it('adds, renames and reorders sections, keeping typed values on an error', async () => {
    const add = (name: string, slug = '') =>
      post(
        site.app,
        '/admin/settings/sections',
        { 'new-name': name, 'new-slug': slug, 'new-description': '' },
        admin,
      );
    expect((await add('Local News')).statusCode).toBe(303);
    expect((await add('Arts & Culture')).statusCode).toBe(303);
    expect((await add('Sport', 'sport')).statusCode).toBe(303);
    const rows = () =>
      site.storage.db.selectFrom('sections').select(['id', 'slug', 'name']).orderBy('position').execute();
    expect((await rows()).map((r) => r.slug)).toEqual(['local-news', 'arts-culture', 'sport']);

    const clash = await add('Sports desk', 'sport');
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('Another section already uses this address.');
    expect(clash.body).toContain('value="Sports desk"');
    const badSlug = await add('Weather', 'Weather Now!');
    expect(badSlug.statusCode).toBe(400);
    expect(badSlug.body).toContain('Address may use only');
    expect(badSlug.body).toContain('value="Weather Now!"');

    const arts = (await rows())[1]!;
    const renamed = await post(
      site.app,
      `/admin/settings/sections/${arts.id}`,
      {
        [`s${arts.id}-name`]: 'Culture',
        [`s${arts.id}-slug`]: 'culture',
        [`s${arts.id}-description`]: 'Stage and screen',
      },
      admin,
    );
    expect(renamed.statusCode).toBe(303);
    const emptied = await post(
      site.app,
      `/admin/settings/sections/${arts.id}`,
      { [`s${arts.id}-name`]: '', [`s${arts.id}-slug`]: 'culture', [`s${arts.id}-description`]: 'Kept text' },
      admin,
    );
    expect(emptied.statusCode).toBe(400);
    expect(emptied.body).toContain('Name is required.');
    expect(emptied.body).toContain('Kept text</textarea>');

    const sport = (await rows())[2]!;
    await post(site.app, `/admin/settings/sections/${sport.id}/move`, { direction: 'up' }, admin);
    await post(site.app, `/admin/settings/sections/${sport.id}/move`, { direction: 'up' }, admin);
    await post(site.app, `/admin/settings/sections/${sport.id}/move`, { direction: 'up' }, admin);
    expect((await rows()).map((r) => r.slug)).toEqual(['sport', 'local-news', 'culture']);
    expect(changes).toContain(EVERYTHING);

    const home = await site.app.inject({ url: '/' });
    const nav = /<nav class="site-nav"[\s\S]*?<\/nav>/.exec(home.body)![0];
    expect([...nav.matchAll(/>([^<>]+)<\/a>/g)].map((m) => m[1])).toEqual(['Sport', 'Local News', 'Culture']);
  });
});
