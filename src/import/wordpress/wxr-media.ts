// Attachments (the media library) and Co-Authors Plus guest authors: items that are not stories but become
// a media record and a byline.
import type { SourceMedia, SourcePerson } from '../source-model.js';
import { coAuthorAlias } from './wxr-channel.js';
import type { SiteClock } from './wxr-dates.js';
import { type PostMeta, readCredit } from './wxr-meta.js';
import { slugFrom } from './wxr-slugs.js';
import { rawText, text, type WxrNode } from './wxr-tree.js';

// WXR does not carry an attachment's MIME type; its file name tells the kinds a newsroom uploads.
const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
  pdf: 'application/pdf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

function mimeTypeOf(path: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(path.split(/[?#]/)[0] ?? '')?.[1]?.toLowerCase();
  return extension === undefined ? undefined : MIME_TYPES[extension];
}

export function readAttachment(item: WxrNode, meta: PostMeta, clock: SiteClock): SourceMedia | string {
  const id = text(item, 'wp:post_id');
  const url = text(item, 'wp:attachment_url') || text(item, 'guid');
  if (id === '') return 'the attachment has no wp:post_id';
  if (url === '') return 'the attachment has no wp:attachment_url';
  const relativePath = meta.get('_wp_attached_file')?.trim() ?? '';
  const description = rawText(item, 'content:encoded').trim();
  const parent = text(item, 'wp:post_parent');
  const link = text(item, 'link');
  const createdAt = clock.toUtc(text(item, 'wp:post_date'), text(item, 'wp:post_date_gmt'));
  const mimeType = mimeTypeOf(relativePath || url);
  return {
    kind: 'media',
    sourceId: id,
    url,
    ...(relativePath === '' ? {} : { relativePath }),
    title: text(item, 'title'),
    alt: meta.get('_wp_attachment_image_alt')?.trim() ?? '',
    caption: rawText(item, 'excerpt:encoded').trim(),
    credit: readCredit(meta),
    ...(description === '' ? {} : { description }),
    ...(mimeType === undefined ? {} : { mimeType }),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(parent === '' || parent === '0' ? {} : { parentId: parent }),
    ...(link === '' ? {} : { pageUrl: link }),
  };
}

/** A Co-Authors Plus guest author (`post_type` guest-author), its profile kept in `cap-*` meta. */
export function readGuestAuthor(item: WxrNode, meta: PostMeta): SourcePerson | string {
  const field = (key: string) => meta.get(`cap-${key}`)?.trim() ?? '';
  const postName = text(item, 'wp:post_name');
  const login = field('user_login') || postName.replace(/^cap-/, '');
  if (login === '') return 'the guest author has no cap-user_login';
  const sourceId = coAuthorAlias(login);
  const name =
    field('display_name') ||
    [field('first_name'), field('last_name')].filter(Boolean).join(' ') ||
    text(item, 'title');
  const email = field('user_email');
  const bio = field('description');
  const website = field('website');
  const jobTitle = field('job_title');
  return {
    kind: 'person',
    sourceId,
    // The taxonomy term is named from post_name, which CAP normally keeps equal to cap-<login>.
    aliases: postName !== '' && postName !== sourceId ? [postName] : [],
    slug: slugFrom(login) || login,
    name: name || login,
    ...(email === '' ? {} : { email }),
    ...(bio === '' ? {} : { bio }),
    ...(website === '' ? {} : { website }),
    ...(jobTitle === '' ? {} : { jobTitle }),
  };
}
