// One WXR <item> as WordPress's export_wp() writes it, element by element in its order, and the values it
// holds in WordPress's own shapes: local and GMT "Y-m-d H:i:s" dates, statuses, comment approval codes.
import { cdata, cdataElement, textElement, xmlText } from './xml.js';

export interface WxrTerm {
  domain: 'category' | 'post_tag' | 'author';
  nicename: string;
  name: string;
}

export interface WxrComment {
  id: number;
  author: string;
  email: string;
  url: string;
  date: string;
  content: string;
  approved: '1' | '0' | 'trash';
  parent: number;
}

export interface WxrItem {
  title: string;
  link: string;
  pubDate: string | null;
  creator: string;
  content: string;
  excerpt: string;
  postId: number;
  postDate: string | null;
  modified: string | null;
  commentStatus: 'open' | 'closed';
  postName: string;
  status: 'publish' | 'draft' | 'pending' | 'future' | 'private' | 'inherit';
  postType: 'post' | 'page' | 'attachment';
  attachmentUrl?: string;
  terms: WxrTerm[];
  meta: Array<[string, string]>;
  comments: WxrComment[];
}

/** Y-m-d H:i:s of an ISO time, in the site's time zone or in UTC. */
export function wpDate(iso: string | null, timeZone: string): string {
  if (!iso) return '0000-00-00 00:00:00';
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** RSS's RFC 822 date, as WordPress writes it (+0000). */
export function rssDate(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

export function itemXml(item: WxrItem, timeZone: string): string {
  const lines = [
    '\t<item>',
    `\t\t${cdataElement('title', item.title)}`,
    `\t\t${textElement('link', item.link)}`,
    `\t\t${textElement('pubDate', item.pubDate ? rssDate(item.pubDate) : '')}`,
    `\t\t${cdataElement('dc:creator', item.creator)}`,
    `\t\t<guid isPermaLink="false">${xmlText(item.link)}</guid>`,
    '\t\t<description></description>',
    `\t\t${cdataElement('content:encoded', item.content)}`,
    `\t\t${cdataElement('excerpt:encoded', item.excerpt)}`,
    `\t\t${textElement('wp:post_id', item.postId)}`,
    `\t\t${cdataElement('wp:post_date', wpDate(item.postDate, timeZone))}`,
    `\t\t${cdataElement('wp:post_date_gmt', wpDate(item.postDate, 'UTC'))}`,
    `\t\t${cdataElement('wp:post_modified', wpDate(item.modified, timeZone))}`,
    `\t\t${cdataElement('wp:post_modified_gmt', wpDate(item.modified, 'UTC'))}`,
    `\t\t${cdataElement('wp:comment_status', item.commentStatus)}`,
    `\t\t${cdataElement('wp:ping_status', 'closed')}`,
    `\t\t${cdataElement('wp:post_name', item.postName)}`,
    `\t\t${cdataElement('wp:status', item.status)}`,
    '\t\t<wp:post_parent>0</wp:post_parent>',
    '\t\t<wp:menu_order>0</wp:menu_order>',
    `\t\t${cdataElement('wp:post_type', item.postType)}`,
    `\t\t${cdataElement('wp:post_password', '')}`,
    '\t\t<wp:is_sticky>0</wp:is_sticky>',
  ];
  if (item.attachmentUrl !== undefined)
    lines.push(`\t\t${cdataElement('wp:attachment_url', item.attachmentUrl)}`);
  for (const term of item.terms)
    lines.push(
      `\t\t<category domain="${term.domain}" nicename="${xmlText(term.nicename)}">${cdata(term.name)}</category>`,
    );
  for (const [key, value] of item.meta)
    lines.push(
      '\t\t<wp:postmeta>',
      `\t\t\t${cdataElement('wp:meta_key', key)}`,
      `\t\t\t${cdataElement('wp:meta_value', value)}`,
      '\t\t</wp:postmeta>',
    );
  for (const c of item.comments)
    lines.push(
      '\t\t<wp:comment>',
      `\t\t\t${textElement('wp:comment_id', c.id)}`,
      `\t\t\t${cdataElement('wp:comment_author', c.author)}`,
      `\t\t\t${cdataElement('wp:comment_author_email', c.email)}`,
      `\t\t\t${cdataElement('wp:comment_author_url', c.url)}`,
      `\t\t\t${cdataElement('wp:comment_author_IP', '')}`,
      `\t\t\t${cdataElement('wp:comment_date', wpDate(c.date, timeZone))}`,
      `\t\t\t${cdataElement('wp:comment_date_gmt', wpDate(c.date, 'UTC'))}`,
      `\t\t\t${cdataElement('wp:comment_content', c.content)}`,
      `\t\t\t${cdataElement('wp:comment_approved', c.approved)}`,
      `\t\t\t${cdataElement('wp:comment_type', 'comment')}`,
      `\t\t\t${textElement('wp:comment_parent', c.parent)}`,
      '\t\t\t<wp:comment_user_id>0</wp:comment_user_id>',
      '\t\t</wp:comment>',
    );
  lines.push('\t</item>');
  return `${lines.join('\n')}\n`;
}
