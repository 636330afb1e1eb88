// An optional outside spam checker speaking Akismet's comment-check protocol (Akismet itself, or a
// compatible service), configured by address and key in the comment settings. It only ever adds a spam
// verdict: when it is slow, down, misconfigured or not allowed, comments go through the local rules alone.
//
// It is sent each commenter's email and IP address, so the request goes over https only, to a host whose
// addresses are public when the request is made, connecting to exactly the addresses checked
// (http/checked-lookup.ts), following no redirect. (The akismet-api package cannot be given such a lookup.)
import { request } from 'node:https';
import {
  type AddressPolicy,
  checkedLookup,
  literalProblem,
  type ResolveHost,
  systemResolver,
} from '../http/checked-lookup.js';
import { addressProblem } from '../http/public-address.js';

export type SpamVerdict = 'spam' | 'ham' | 'unavailable';

export interface SpamCheckInput {
  ip: string;
  userAgent: string;
  referrer: string;
  permalink: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  content: string;
  language: string;
}

export interface SpamChecker {
  check(input: SpamCheckInput): Promise<SpamVerdict>;
}

export interface AkismetOptions {
  /** The service's base address, e.g. https://rest.akismet.com */
  url: string;
  key: string;
  /** The site's public address, sent as `blog`. */
  site: string;
  timeoutMs?: number;
  /** Finds the service's addresses; the system resolver unless told. */
  resolve?: ResolveHost;
  /** Which addresses may be sent readers' data: public ones only, unless a test says otherwise. */
  addressPolicy?: AddressPolicy;
  /** Certificate authorities to trust instead of the system's (a test's stand-in service). */
  ca?: string;
}

interface CheckerAnswer {
  status: number;
  text: string;
  proTip: string | undefined;
}

// The answer is one word and a few headers; anything longer is not the protocol.
const MAX_ANSWER_BYTES = 4096;

export function akismetChecker(options: AkismetOptions): SpamChecker {
  const policy = options.addressPolicy ?? addressProblem;
  const lookup = checkedLookup(options.resolve ?? systemResolver, policy);
  const timeoutMs = options.timeoutMs ?? 3000;

  function send(endpoint: URL, body: string): Promise<CheckerAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        endpoint,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
          lookup,
          // A new connection each time, so each request is made to addresses checked for it: a pooled
          // connection would skip the lookup.
          agent: false,
          ca: options.ca,
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
            if (text.length > MAX_ANSWER_BYTES) res.destroy(new Error('answer too long'));
          });
          res.on('error', reject);
          res.on('end', () => {
            const tip = res.headers['x-akismet-pro-tip'];
            resolve({
              status: res.statusCode ?? 0,
              text: text.trim(),
              proTip: Array.isArray(tip) ? tip[0] : tip,
            });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  return {
    async check(input) {
      let endpoint: URL;
      try {
        endpoint = new URL(`${options.url.replace(/\/+$/, '')}/1.1/comment-check`);
      } catch {
        return 'unavailable';
      }
      // Checked here as well as when saved: settings stored before these rules, or edited in the database.
      if (endpoint.protocol !== 'https:' || literalProblem(endpoint, policy) !== null) return 'unavailable';
      const body = new URLSearchParams({
        api_key: options.key,
        blog: options.site,
        user_ip: input.ip,
        user_agent: input.userAgent,
        referrer: input.referrer,
        permalink: input.permalink,
        comment_type: 'comment',
        comment_author: input.authorName,
        comment_author_email: input.authorEmail,
        comment_author_url: input.authorUrl,
        comment_content: input.content,
        blog_lang: input.language,
        blog_charset: 'UTF-8',
      }).toString();
      try {
        const answer = await send(endpoint, body);
        const ok = answer.status >= 200 && answer.status < 300;
        // "discard" marks blatant spam; either way it goes to the spam folder, never away.
        if (answer.proTip === 'discard') return 'spam';
        if (ok && answer.text === 'true') return 'spam';
        if (ok && answer.text === 'false') return 'ham';
        return 'unavailable';
      } catch {
        return 'unavailable';
      }
    },
  };
}
