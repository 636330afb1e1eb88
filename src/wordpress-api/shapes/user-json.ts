// An author profile as WordPress's user: name, bio, page and photo. WordPress's `avatar_urls` come from the
// author's photo (never a Gravatar of an address, which would disclose it); no email, no staff account.
import { authorPath } from '../../articles/model.js';
import { absoluteMediaUrl, type MediaItem } from '../../media/media.js';
import { toWpId } from '../ids.js';
import { apiUrl, link } from '../links.js';
import type { UserRow } from '../queries/user-queries.js';
import type { ShapeContext, WpJson } from './shape-context.js';

const AVATAR_SIZES = [24, 48, 96] as const;

function avatarUrls(photo: MediaItem | undefined, ctx: ShapeContext): Record<string, string> | undefined {
  if (!photo) return undefined;
  const urls: Record<string, string> = {};
  for (const size of AVATAR_SIZES) {
    // The smallest picture at least twice the size, for sharp avatars on dense screens.
    const variant = smallestAtLeast(photo, size * 2);
    if (variant) urls[String(size)] = absoluteMediaUrl(ctx.base, variant.key);
  }
  return urls;
}

function smallestAtLeast(photo: MediaItem, width: number) {
  const legacy = photo.variants
    .filter((v) => v.format === 'jpeg' || v.format === 'png' || v.format === 'gif')
    .sort((a, b) => a.width - b.width);
  return legacy.find((v) => v.width >= width) ?? legacy.at(-1);
}

export function userJson(user: UserRow, photo: MediaItem | undefined, ctx: ShapeContext): WpJson {
  const id = toWpId('user', user.id);
  const avatars = avatarUrls(photo, ctx);
  return {
    id,
    name: user.name,
    url: '',
    description: user.bio,
    link: ctx.base + authorPath(user.slug),
    slug: user.slug,
    ...(avatars ? { avatar_urls: avatars } : {}),
    meta: [],
    _links: {
      self: link(apiUrl(ctx.base, `users/${id}`)),
      collection: link(apiUrl(ctx.base, 'users')),
    },
  };
}

/** The fields of a user another item embeds (WordPress's "embed" context, which lacks `meta`). */
export function embeddedUser(full: WpJson): WpJson {
  const { meta: _, ...embedded } = full;
  return embedded;
}
