import { describe, expect, it } from 'vitest';
import { readCredit, readSeo, resolveSeoTemplate } from './wxr-meta.js';

const context = { title: 'Flood closes bridge', excerpt: 'The river rose.', categoryName: 'City Hall' };

describe('SEO title templates', () => {
  it.each([
    ['%%title%% %%sep%% %%sitename%%', 'Flood closes bridge'],
    ['%title% %sep% %sitename%', 'Flood closes bridge'],
    ['%%primary_category%%: %%title%% %%page%% %%sep%% %%sitename%%', 'City Hall: Flood closes bridge'],
    ['%%sitename%% | Special report', 'Special report'],
    ['Flood %date(Y)% %title%', 'Flood Flood closes bridge'],
    ['%%cf_custom%% %%sep%%', undefined],
    ['Save 50% off – and 20% more', 'Save 50% off – and 20% more'],
  ])('%s → %s', (template, expected) => {
    expect(resolveSeoTemplate(template, context)).toBe(expected);
  });

  it('drops a title that resolves to the headline, Broadsheet’s own default', () => {
    const meta = new Map([['_yoast_wpseo_title', '%%title%% %%sep%% %%sitename%%']]);
    expect(readSeo(meta, context).title).toBeUndefined();
  });
});

describe('robots', () => {
  it.each([
    ['a:1:{i:0;s:7:"noindex";}', true],
    ['a:2:{i:0;s:5:"index";i:1;s:6:"follow";}', false],
    ['noindex, nofollow', true],
    ['a:1:{i:0;s:9:"noindex";}', undefined], // damaged: the length is wrong, so it says nothing
  ])('Rank Math %s → %s', (robots, noindex) => {
    expect(readSeo(new Map([['rank_math_robots', robots]]), context).noindex).toBe(noindex);
  });

  it("Yoast's 1 is noindex, its 2 an explicit index, its 0 the site's default", () => {
    const noindex = (value: string) =>
      readSeo(new Map([['_yoast_wpseo_meta-robots-noindex', value]]), context).noindex;
    expect([noindex('1'), noindex('2'), noindex('0')]).toEqual([true, false, undefined]);
  });
});

describe('credits', () => {
  it('takes the first credit plugin that has one, with Navis’s organisation', () => {
    expect(readCredit(new Map([['_navis_media_credit_org', 'AP']]))).toBe('AP');
    expect(
      readCredit(
        new Map([
          ['_media_credit', ''],
          ['_navis_media_credit', 'Ana Ruiz'],
          ['_navis_media_credit_org', 'AP'],
        ]),
      ),
    ).toBe('Ana Ruiz / AP');
    expect(readCredit(new Map([['_wp_attachment_metadata', 'not serialized']]))).toBe('');
  });
});
