import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../http/security-headers.js';
import { EMBED_FRAME_ORIGINS, EMBED_PROVIDERS, resolveEmbed } from './embeds.js';

describe('embeds', () => {
  it('finds the privacy-friendly player for the addresses people copy from each site', () => {
    const cases: Array<[string, string]> = [
      [
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10',
        'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ',
      ],
      ['https://youtu.be/dQw4w9WgXcQ?si=abc', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
      ['https://m.youtube.com/shorts/abcDEF12345', 'https://www.youtube-nocookie.com/embed/abcDEF12345'],
      ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
      ['https://vimeo.com/channels/staffpicks/76979871', 'https://player.vimeo.com/video/76979871?dnt=1'],
      [
        'https://x.com/UKDefence/status/1790000000000000000',
        'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true',
      ],
      [
        'https://twitter.com/UKDefence/status/1790000000000000000?s=20',
        'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true',
      ],
      ['https://www.instagram.com/p/C6abc-_12/', 'https://www.instagram.com/p/C6abc-_12/embed'],
      [
        'https://www.tiktok.com/@newsroom/video/7300000000000000000',
        'https://www.tiktok.com/embed/v2/7300000000000000000',
      ],
      [
        'https://soundcloud.com/newsroom/episode-12',
        'https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fnewsroom%2Fepisode-12',
      ],
      [
        'https://open.spotify.com/intl-de/episode/4rOoJ6Egrf8K2IrywzwOMk',
        'https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk',
      ],
    ];
    for (const [url, player] of cases) expect(resolveEmbed(url)?.frameSrc, url).toBe(player);
  });

  it('frames nothing it does not know: other sites, lookalike hosts, plain http, odd ids', () => {
    for (const url of [
      'https://example.org/video/1',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'https://notyoutube.com/watch?v=dQw4w9WgXcQ',
      'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube.com/watch?v=%22%3E%3Cscript%3E',
      'https://www.youtube.com/channel/UC123',
      'https://x.com/UKDefence',
      'https://vimeo.com/about',
      'not a url',
    ]) {
      expect(resolveEmbed(url), url).toBeNull();
    }
  });

  it('lets the CSP frame exactly the players it knows', () => {
    const frameSrc = contentSecurityPolicy(EMBED_FRAME_ORIGINS)
      .split('; ')
      .find((d) => d.startsWith('frame-src '))!;
    expect(frameSrc.split(' ').slice(1).sort()).toEqual(["'self'", ...EMBED_FRAME_ORIGINS].sort());
    for (const provider of EMBED_PROVIDERS) {
      const sample = resolveEmbed(
        {
          YouTube: 'https://youtu.be/abc',
          Vimeo: 'https://vimeo.com/1',
          X: 'https://x.com/a/status/1',
          Instagram: 'https://instagram.com/p/abc',
          TikTok: 'https://tiktok.com/@a/video/1',
          SoundCloud: 'https://soundcloud.com/a/b',
          Spotify: 'https://open.spotify.com/track/abc',
        }[provider.name]!,
      );
      expect(new URL(sample!.frameSrc).origin, provider.name).toBe(provider.frameOrigin);
    }
  });
});
