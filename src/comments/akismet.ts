// An optional outside spam checker speaking Akismet's comment-check protocol (Akismet itself, or a
// compatible service), configured by address and key in the comment settings. It only ever adds a spam
// verdict: when it is slow, down or misconfigured, comments go through the local rules alone.
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
  fetch?: typeof fetch;
}

export function akismetChecker(options: AkismetOptions): SpamChecker {
  const endpoint = `${options.url.replace(/\/+$/, '')}/1.1/comment-check`;
  const doFetch = options.fetch ?? fetch;
  return {
    async check(input) {
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
      });
      try {
        const response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        });
        const text = (await response.text()).trim();
        // "discard" marks blatant spam; either way it goes to the spam folder, never away.
        if (response.headers.get('x-akismet-pro-tip') === 'discard') return 'spam';
        if (response.ok && text === 'true') return 'spam';
        if (response.ok && text === 'false') return 'ham';
        return 'unavailable';
      } catch {
        return 'unavailable';
      }
    },
  };
}
