// An edition as email clients show it well: one table-based column 600 pixels wide, every style inlined
// (juice: Gmail and Outlook drop or ignore <style>), dark mode declared and styled rather than left to the
// client's colour inversion, images with alt text, the newsroom's logo, an unsubscribe link; and the same
// content as plain text. Rendered once per edition: each recipient's copy differs only by the unsubscribe
// address, put in place of UNSUBSCRIBE_SLOT when it is sent.
import { absoluteMediaUrl, fallbackVariant } from '../media/media.js';
import type { SiteContext } from '../site/site-context.js';
import { escapeXml as esc } from '../views/escape.js';
import type { EditionStory } from './edition-content.js';

export const UNSUBSCRIBE_SLOT = '{{broadsheet-unsubscribe-url}}';

export interface EditionDraft {
  subject: string;
  intro: string;
  listName: string;
  archiveUrl: string;
}

export interface RenderedEdition {
  html: string;
  text: string;
}

const CSS = `
body { margin: 0; padding: 0; background: #f4f4f1; }
.outer { width: 100%; background: #f4f4f1; }
.inner { width: 600px; max-width: 100%; background: #ffffff; }
.pad { padding: 24px 32px; font-family: Georgia, 'Times New Roman', serif; color: #1a1a1a; font-size: 17px; line-height: 1.5; }
.masthead { padding: 24px 32px 8px; font-family: Georgia, serif; font-size: 24px; font-weight: bold; color: #1a1a1a; }
.listname { font-family: Arial, sans-serif; font-size: 13px; color: #555555; text-transform: uppercase; letter-spacing: 1px; }
.story { padding: 16px 32px; border-top: 1px solid #dddddd; }
.section { font-family: Arial, sans-serif; font-size: 12px; color: #8a1c1c; text-transform: uppercase; }
.headline { font-family: Georgia, serif; font-size: 21px; line-height: 1.3; color: #1a1a1a; text-decoration: none; }
.dek { font-family: Georgia, serif; font-size: 16px; color: #333333; margin: 6px 0 0; }
.footer { padding: 24px 32px; font-family: Arial, sans-serif; font-size: 12px; color: #555555; }
.footer a { color: #555555; }
img { border: 0; display: block; max-width: 100%; height: auto; }
`;

// Kept in a <style> block (juice preserves media queries): clients that honour dark mode get readable colours.
const DARK_CSS = `
@media (prefers-color-scheme: dark) {
  body, .outer { background: #111111 !important; }
  .inner { background: #1c1c1c !important; }
  .pad, .masthead, .headline, .dek { color: #eeeeee !important; }
  .listname, .footer, .footer a { color: #bbbbbb !important; }
  .section { color: #ff9a8a !important; }
}
[data-ogsc] .inner { background: #1c1c1c !important; }
[data-ogsc] .pad, [data-ogsc] .headline, [data-ogsc] .dek { color: #eeeeee !important; }
`;

function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

function logoHtml(ctx: SiteContext): string {
  const variant = ctx.logo ? fallbackVariant(ctx.logo, 400) : undefined;
  if (!ctx.logo || !variant) return esc(ctx.settings.siteName);
  const width = Math.min(variant.width, 240);
  const height = Math.round((width * variant.height) / variant.width);
  return `<img src="${esc(absoluteMediaUrl(ctx.baseUrl, variant.key))}" width="${width}" height="${height}" alt="${esc(ctx.settings.siteName)}">`;
}

function storyHtml(story: EditionStory): string {
  const image = story.image
    ? `<a href="${esc(story.url)}"><img src="${esc(story.image.src)}" width="${story.image.width}" height="${story.image.height}" alt="${esc(story.image.alt)}"></a>`
    : '';
  return `<tr><td class="story">${image}${story.section ? `<p class="section">${esc(story.section)}</p>` : ''}<a class="headline" href="${esc(story.url)}">${esc(story.headline)}</a>${story.dek ? `<p class="dek">${esc(story.dek)}</p>` : ''}</td></tr>`;
}

export async function renderEditionEmail(
  ctx: SiteContext,
  draft: EditionDraft,
  stories: EditionStory[],
): Promise<RenderedEdition> {
  // Loaded with the first edition rendered: juice brings a whole HTML parser that a reader's page never needs.
  const juice = (await import('juice')).default;
  const siteName = ctx.settings.siteName;
  const intro = paragraphs(draft.intro)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
  const html = `<!DOCTYPE html>
<html lang="${esc(ctx.settings.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${esc(draft.subject)}</title><style>${CSS}</style><style>${DARK_CSS}</style></head>
<body><table role="presentation" class="outer" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td align="center">
<table role="presentation" class="inner" width="600" cellpadding="0" cellspacing="0" border="0">
<tr><td class="masthead"><a href="${esc(ctx.baseUrl)}/">${logoHtml(ctx)}</a><p class="listname">${esc(draft.listName)}</p></td></tr>
<tr><td class="pad">${intro}</td></tr>
${stories.map(storyHtml).join('\n')}
<tr><td class="footer"><p>You receive ${esc(draft.listName)} from ${esc(siteName)} because you signed up for it.</p>
<p><a href="${UNSUBSCRIBE_SLOT}">Unsubscribe</a> · <a href="${esc(draft.archiveUrl)}">Past editions</a></p></td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    `${siteName}: ${draft.listName}`,
    '',
    ...paragraphs(draft.intro).flatMap((p) => [p, '']),
    ...stories.flatMap((s) => [
      `${s.section ? `[${s.section}] ` : ''}${s.headline}`,
      ...(s.dek ? [s.dek] : []),
      s.url,
      '',
    ]),
    '--',
    `You receive ${draft.listName} from ${siteName} because you signed up for it.`,
    `Unsubscribe: ${UNSUBSCRIBE_SLOT}`,
    `Past editions: ${draft.archiveUrl}`,
    '',
  ].join('\n');
  return {
    html: juice(html, { preserveMediaQueries: true, removeStyleTags: false, applyWidthAttributes: true }),
    text,
  };
}

/** The edition as a web page's content (the archive and the preview): the stories without the email's frame. */
export function renderEditionWeb(draft: EditionDraft, stories: EditionStory[]): string {
  const intro = paragraphs(draft.intro)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('');
  const items = stories
    .map(
      (s) =>
        `<li>${s.section ? `<p class="kicker">${esc(s.section)}</p>` : ''}<h2><a href="${esc(s.url)}">${esc(s.headline)}</a></h2>${s.dek ? `<p>${esc(s.dek)}</p>` : ''}</li>`,
    )
    .join('');
  return `<div class="edition-intro">${intro}</div><ol class="edition-stories">${items}</ol>`;
}
