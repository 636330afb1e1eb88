// Builds WordPress export (WXR) text from plain objects, the way WordPress's own exporter writes it: text in
// CDATA (split where it holds `]]>`), postmeta and comments inside their item. Tests use it for files too
// large or too hostile to keep as fixtures; the benchmark's generator writes the same pieces one by one.

export interface WxrAuthor {
  id: number;
  login: string;
  email?: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
}

export interface WxrCategory {
  id: number;
  slug: string;
  name: string;
  parent?: string;
  description?: string;
}

export interface WxrTag {
  id: number;
  slug: string;
  name: string;
  description?: string;
}

export interface WxrComment {
  id: number;
  author?: string;
  email?: string;
  url?: string;
  ip?: string;
  /** `YYYY-MM-DD hh:mm:ss` in UTC; the local date is written one hour later. */
  date?: string;
  content: string;
  approved?: '1' | '0' | 'spam' | 'trash' | 'post-trashed';
  type?: string;
  parent?: number;
}

export interface WxrItem {
  id: number;
  title: string;
  type?: string;
  status?: string;
  slug?: string;
  link?: string;
  creator?: string;
  /** `YYYY-MM-DD hh:mm:ss` in UTC; the local date is written one hour later (a site at UTC+1). */
  date?: string;
  content?: string;
  excerpt?: string;
  parent?: number;
  sticky?: boolean;
  password?: string;
  commentStatus?: 'open' | 'closed';
  attachmentUrl?: string;
  /** `[domain, nicename, name]`, e.g. `['category', 'news', 'News']`. */
  terms?: Array<[string, string, string]>;
  meta?: Record<string, string>;
  comments?: WxrComment[];
}

export interface WxrSite {
  title?: string;
  link?: string;
  language?: string;
  version?: string;
  authors?: WxrAuthor[];
  categories?: WxrCategory[];
  tags?: WxrTag[];
}

/** Text as WordPress's wxr_cdata() writes it: one CDATA section, split wherever the text holds `]]>`. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Text escaped for an attribute or plain element. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function localDate(gmt: string): string {
  const ms = Date.parse(`${gmt.replace(' ', 'T')}Z`) + 3_600_000;
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function wxrHeader(site: WxrSite = {}): string {
  const version = site.version ?? '1.2';
  const link = site.link ?? 'https://old.example.org';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    '<rss version="2.0"',
    '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"'.replace('1.2', version),
    '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
    '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
    '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
    `\txmlns:wp="http://wordpress.org/export/${version}/"`,
    '>',
    '<channel>',
    `\t<title>${escapeXml(site.title ?? 'Old Site')}</title>`,
    `\t<link>${escapeXml(link)}</link>`,
    '\t<description>An export</description>',
    `\t<language>${site.language ?? 'en-US'}</language>`,
    `\t<wp:wxr_version>${version}</wp:wxr_version>`,
    `\t<wp:base_site_url>${escapeXml(link)}</wp:base_site_url>`,
    `\t<wp:base_blog_url>${escapeXml(link)}</wp:base_blog_url>`,
  ];
  for (const a of site.authors ?? []) {
    lines.push(
      `\t<wp:author><wp:author_id>${a.id}</wp:author_id><wp:author_login>${cdata(a.login)}</wp:author_login>` +
        `<wp:author_email>${cdata(a.email ?? '')}</wp:author_email>` +
        `<wp:author_display_name>${cdata(a.displayName ?? a.login)}</wp:author_display_name>` +
        `<wp:author_first_name>${cdata(a.firstName ?? '')}</wp:author_first_name>` +
        `<wp:author_last_name>${cdata(a.lastName ?? '')}</wp:author_last_name></wp:author>`,
    );
  }
  for (const c of site.categories ?? []) {
    lines.push(
      `\t<wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename>` +
        `<wp:category_parent>${cdata(c.parent ?? '')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name>` +
        (c.description ? `<wp:category_description>${cdata(c.description)}</wp:category_description>` : '') +
        '</wp:category>',
    );
  }
  for (const t of site.tags ?? []) {
    lines.push(
      `\t<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug>` +
        `<wp:tag_name>${cdata(t.name)}</wp:tag_name>` +
        (t.description ? `<wp:tag_description>${cdata(t.description)}</wp:tag_description>` : '') +
        '</wp:tag>',
    );
  }
  lines.push('\t<generator>https://wordpress.org/?v=6.7.1</generator>', '');
  return lines.join('\n');
}

function comment(c: WxrComment): string {
  const date = c.date ?? '2024-01-01 12:00:00';
  return [
    '\t\t<wp:comment>',
    `\t\t\t<wp:comment_id>${c.id}</wp:comment_id>`,
    `\t\t\t<wp:comment_author>${cdata(c.author ?? 'A reader')}</wp:comment_author>`,
    `\t\t\t<wp:comment_author_email>${cdata(c.email ?? '')}</wp:comment_author_email>`,
    `\t\t\t<wp:comment_author_url>${escapeXml(c.url ?? '')}</wp:comment_author_url>`,
    `\t\t\t<wp:comment_author_IP>${cdata(c.ip ?? '')}</wp:comment_author_IP>`,
    `\t\t\t<wp:comment_date>${cdata(localDate(date))}</wp:comment_date>`,
    `\t\t\t<wp:comment_date_gmt>${cdata(date)}</wp:comment_date_gmt>`,
    `\t\t\t<wp:comment_content>${cdata(c.content)}</wp:comment_content>`,
    `\t\t\t<wp:comment_approved>${cdata(c.approved ?? '1')}</wp:comment_approved>`,
    `\t\t\t<wp:comment_type>${cdata(c.type ?? 'comment')}</wp:comment_type>`,
    `\t\t\t<wp:comment_parent>${c.parent ?? 0}</wp:comment_parent>`,
    '\t\t\t<wp:comment_user_id>0</wp:comment_user_id>',
    '\t\t</wp:comment>',
  ].join('\n');
}

export function wxrItem(item: WxrItem, site: WxrSite = {}): string {
  const base = site.link ?? 'https://old.example.org';
  const type = item.type ?? 'post';
  const slug = item.slug ?? `item-${item.id}`;
  const date = item.date ?? '2024-01-01 09:00:00';
  const lines = [
    '\t<item>',
    `\t\t<title>${cdata(item.title)}</title>`,
    `\t\t<link>${escapeXml(item.link ?? `${base}/${slug}/`)}</link>`,
    '\t\t<pubDate>Mon, 01 Jan 2024 09:00:00 +0000</pubDate>',
    `\t\t<dc:creator>${cdata(item.creator ?? 'admin')}</dc:creator>`,
    `\t\t<guid isPermaLink="false">${escapeXml(`${base}/?p=${item.id}`)}</guid>`,
    '\t\t<description></description>',
    `\t\t<content:encoded>${cdata(item.content ?? '')}</content:encoded>`,
    `\t\t<excerpt:encoded>${cdata(item.excerpt ?? '')}</excerpt:encoded>`,
    `\t\t<wp:post_id>${item.id}</wp:post_id>`,
    `\t\t<wp:post_date>${cdata(localDate(date))}</wp:post_date>`,
    `\t\t<wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>`,
    `\t\t<wp:comment_status>${cdata(item.commentStatus ?? 'open')}</wp:comment_status>`,
    '\t\t<wp:ping_status><![CDATA[closed]]></wp:ping_status>',
    `\t\t<wp:post_name>${cdata(slug)}</wp:post_name>`,
    `\t\t<wp:status>${cdata(item.status ?? (type === 'attachment' ? 'inherit' : 'publish'))}</wp:status>`,
    `\t\t<wp:post_parent>${item.parent ?? 0}</wp:post_parent>`,
    '\t\t<wp:menu_order>0</wp:menu_order>',
    `\t\t<wp:post_type>${cdata(type)}</wp:post_type>`,
    `\t\t<wp:post_password>${cdata(item.password ?? '')}</wp:post_password>`,
    `\t\t<wp:is_sticky>${item.sticky ? 1 : 0}</wp:is_sticky>`,
  ];
  if (item.attachmentUrl !== undefined) {
    lines.push(`\t\t<wp:attachment_url>${cdata(item.attachmentUrl)}</wp:attachment_url>`);
  }
  for (const [domain, nicename, name] of item.terms ?? []) {
    lines.push(
      `\t\t<category domain="${escapeXml(domain)}" nicename="${escapeXml(nicename)}">${cdata(name)}</category>`,
    );
  }
  for (const [key, value] of Object.entries(item.meta ?? {})) {
    lines.push(
      `\t\t<wp:postmeta>\n\t\t\t<wp:meta_key>${cdata(key)}</wp:meta_key>\n\t\t\t<wp:meta_value>${cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>`,
    );
  }
  for (const c of item.comments ?? []) lines.push(comment(c));
  lines.push('\t</item>', '');
  return lines.join('\n');
}

export const wxrFooter = '</channel>\n</rss>\n';

/** A whole export as one string. */
export function buildWxr(site: WxrSite, items: WxrItem[]): string {
  return wxrHeader(site) + items.map((item) => wxrItem(item, site)).join('') + wxrFooter;
}
