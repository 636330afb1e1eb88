// Which embedded videos and posts can be loaded in the page, and from where. Readers first see a link and
// a notice; the player is framed only when they ask (views/client/embeds.ts), so no third party learns of
// a visit before that. Addresses from other sites stay plain links.

export type EmbedShape = 'video' | 'vertical' | 'post' | 'audio';

export interface EmbedProvider {
  name: string;
  /** What the reader would load: "video", "post", "audio". */
  noun: string;
  shape: EmbedShape;
  /** The origin its player is framed from; the CSP's frame-src allows exactly these. */
  frameOrigin: string;
  /** The player's address for a page address on the provider's site, or null if it is not one of its own. */
  player(url: URL): string | null;
}

export interface ResolvedEmbed {
  provider: EmbedProvider;
  /** The player to frame once the reader agrees. */
  frameSrc: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const DIGITS = /^[0-9]{1,25}$/;

function hostIs(url: URL, ...hosts: string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  return hosts.includes(host);
}

function segments(url: URL): string[] {
  return url.pathname.split('/').filter(Boolean);
}

export const EMBED_PROVIDERS: EmbedProvider[] = [
  {
    name: 'YouTube',
    noun: 'video',
    shape: 'video',
    // The privacy-enhanced player: no cookies until the reader plays the video.
    frameOrigin: 'https://www.youtube-nocookie.com',
    player(url) {
      let id: string | null = null;
      if (hostIs(url, 'youtu.be')) id = segments(url)[0] ?? null;
      else if (hostIs(url, 'youtube.com', 'youtube-nocookie.com')) {
        const [first, second] = segments(url);
        id =
          first === 'watch'
            ? url.searchParams.get('v')
            : first && ['shorts', 'embed', 'live'].includes(first)
              ? (second ?? null)
              : null;
      }
      return id && ID.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
    },
  },
  {
    name: 'Vimeo',
    noun: 'video',
    shape: 'video',
    frameOrigin: 'https://player.vimeo.com',
    player(url) {
      if (!hostIs(url, 'vimeo.com', 'player.vimeo.com')) return null;
      const id = segments(url).find((s) => DIGITS.test(s));
      // dnt: Vimeo's player then sets no tracking cookies.
      return id ? `https://player.vimeo.com/video/${id}?dnt=1` : null;
    },
  },
  {
    name: 'X',
    noun: 'post',
    shape: 'post',
    frameOrigin: 'https://platform.twitter.com',
    player(url) {
      if (!hostIs(url, 'x.com', 'twitter.com')) return null;
      const [, status, id] = segments(url);
      return status === 'status' && id && DIGITS.test(id)
        ? `https://platform.twitter.com/embed/Tweet.html?id=${id}&dnt=true`
        : null;
    },
  },
  {
    name: 'Instagram',
    noun: 'post',
    shape: 'post',
    frameOrigin: 'https://www.instagram.com',
    player(url) {
      if (!hostIs(url, 'instagram.com')) return null;
      const [kind, code] = segments(url);
      return kind && ['p', 'reel', 'tv'].includes(kind) && code && ID.test(code)
        ? `https://www.instagram.com/${kind}/${code}/embed`
        : null;
    },
  },
  {
    name: 'TikTok',
    noun: 'video',
    shape: 'vertical',
    frameOrigin: 'https://www.tiktok.com',
    player(url) {
      if (!hostIs(url, 'tiktok.com')) return null;
      const [user, video, id] = segments(url);
      return user?.startsWith('@') && video === 'video' && id && DIGITS.test(id)
        ? `https://www.tiktok.com/embed/v2/${id}`
        : null;
    },
  },
  {
    name: 'SoundCloud',
    noun: 'audio',
    shape: 'audio',
    frameOrigin: 'https://w.soundcloud.com',
    player(url) {
      if (!hostIs(url, 'soundcloud.com') || segments(url).length < 2) return null;
      const page = `https://soundcloud.com${url.pathname}`;
      return `https://w.soundcloud.com/player/?url=${encodeURIComponent(page)}`;
    },
  },
  {
    name: 'Spotify',
    noun: 'audio',
    shape: 'audio',
    frameOrigin: 'https://open.spotify.com',
    player(url) {
      if (!hostIs(url, 'open.spotify.com')) return null;
      const parts = segments(url).filter((s) => !s.startsWith('intl-'));
      const [kind, id] = parts;
      return kind && ['track', 'album', 'playlist', 'episode', 'show'].includes(kind) && id && ID.test(id)
        ? `https://open.spotify.com/embed/${kind}/${id}`
        : null;
    },
  },
];

/** The CSP frame-src sources: the players above, and nothing else. */
export const EMBED_FRAME_ORIGINS: string[] = [...new Set(EMBED_PROVIDERS.map((p) => p.frameOrigin))];

/** The player for an embedded address, or null when it is not from a site we know how to frame. */
export function resolveEmbed(address: string): ResolvedEmbed | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  for (const provider of EMBED_PROVIDERS) {
    const frameSrc = provider.player(url);
    if (frameSrc) return { provider, frameSrc };
  }
  return null;
}

/** "youtube.com" for https://www.youtube.com/watch?v=…: the site a reader would be taken to. */
export function embedHost(address: string): string {
  try {
    return new URL(address).hostname.replace(/^www\./, '');
  } catch {
    return address;
  }
}
