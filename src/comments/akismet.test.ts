// The spam checker's request, against a real https stand-in: what it sends, and that it goes only where an
// address check allows, connecting to the very address that was checked. The stand-in listens on loopback,
// which the real policy refuses, so the tests that reach it allow 127.0.0.1 for themselves alone.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AkismetStandIn,
  STANDIN_HOST,
  startAkismetStandIn,
} from '../../test/support/akismet-standin.js';
import { addressProblem } from '../http/public-address.js';
import { akismetChecker, type SpamCheckInput } from './akismet.js';
import { spamCheckerAddressProblem } from './spam-checker-address.js';

const input: SpamCheckInput = {
  ip: '198.51.100.7',
  userAgent: 'test',
  referrer: '',
  permalink: 'https://news.example.org/articles/x',
  authorName: 'Ada',
  authorEmail: 'ada@example.org',
  authorUrl: '',
  content: 'a spammy offer',
  language: 'en',
};

/** The real policy, except that the stand-in's loopback address may be reached: for these tests only. */
const allowStandIn = (ip: string) => (ip === '127.0.0.1' ? null : addressProblem(ip));

describe('akismetChecker', () => {
  let standIn: AkismetStandIn;
  beforeAll(async () => {
    standIn = await startAkismetStandIn();
  });
  afterAll(async () => standIn?.close());
  beforeEach(() => {
    standIn.seen.length = 0;
  });

  const checker = (options: Partial<Parameters<typeof akismetChecker>[0]> = {}) =>
    akismetChecker({
      url: standIn.url,
      key: 'k123',
      site: 'https://news.example.org',
      resolve: async (host) => (host === STANDIN_HOST ? ['127.0.0.1'] : []),
      addressPolicy: allowStandIn,
      ca: standIn.ca,
      timeoutMs: 2000,
      ...options,
    });

  it('asks over https, by name, at the checked address, and takes its word', async () => {
    expect(await checker().check(input)).toBe('spam');
    expect(await checker().check({ ...input, content: 'a fair point' })).toBe('ham');
    expect(standIn.seen).toHaveLength(2);
    const [first] = standIn.seen;
    expect(first!.servername).toBe(STANDIN_HOST);
    expect(first!.host).toBe(`${STANDIN_HOST}:${standIn.port}`);
    expect(first!.form.get('api_key')).toBe('k123');
    expect(first!.form.get('comment_type')).toBe('comment');
    expect(first!.form.get('comment_author_email')).toBe('ada@example.org');
  });

  it('sends nothing to a name that leads to a loopback address under the real policy', async () => {
    expect(await checker({ addressPolicy: undefined }).check(input)).toBe('unavailable');
    expect(standIn.seen).toEqual([]);
  });

  it('sends nothing when the name resolved to a public address when saved and to loopback now (DNS rebinding)', async () => {
    let calls = 0;
    const rebinding = async () => (++calls === 1 ? ['93.184.215.14'] : ['127.0.0.1']);
    expect(await spamCheckerAddressProblem(standIn.url, rebinding)).toBeNull();
    expect(await checker({ resolve: rebinding, addressPolicy: undefined }).check(input)).toBe('unavailable');
    expect(calls).toBe(2);
    expect(standIn.seen).toEqual([]);
  });

  it('sends nothing over http, nor to an address the policy refuses written as an IP', async () => {
    const allowAll = () => null;
    expect(
      await checker({ url: `http://${STANDIN_HOST}:${standIn.port}`, addressPolicy: allowAll }).check(input),
    ).toBe('unavailable');
    expect(
      await checker({ url: `https://127.0.0.1:${standIn.port}`, addressPolicy: undefined }).check(input),
    ).toBe('unavailable');
    expect(
      await checker({ url: `https://[::1]:${standIn.port}`, addressPolicy: undefined }).check(input),
    ).toBe('unavailable');
    expect(standIn.seen).toEqual([]);
  });

  it('gives up, without a verdict, when the service cannot be reached', async () => {
    const down = checker({
      resolve: async () => ['127.0.0.1'],
      url: 'https://akismet.test:9',
      timeoutMs: 500,
    });
    expect(await down.check(input)).toBe('unavailable');
  });
});
