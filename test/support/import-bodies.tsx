// Helpers for the import's body converter tests: a stand-in for the import's media and address maps that
// records what it was asked, the fixtures, and the article renderer over a converted document.
import { readFileSync } from 'node:fs';
import { renderToString } from 'preact-render-to-string';
import { BodyBlocks } from '../../src/articles/render/body.js';
import {
  type BodyDocument,
  bodyDocumentSchema,
  documentText,
  mediaIdsOf,
} from '../../src/articles/render/document.js';
import type { BodyContext } from '../../src/import/source-model.js';
import type { MediaItem } from '../../src/media/media.js';

export function bodyFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/import/bodies/${name}`, import.meta.url), 'utf8');
}

export interface RecordingContext extends BodyContext {
  asked: Array<{ sourceId?: string; url?: string }>;
}

/** Images known by attachment id (`id:12`) or old address; links moved by old address. */
export function recordingContext(
  images: Record<string, number> = {},
  links: Record<string, string> = {},
): RecordingContext {
  const asked: RecordingContext['asked'] = [];
  return {
    asked,
    image(ref) {
      asked.push(ref);
      return (
        (ref.sourceId ? images[`id:${ref.sourceId}`] : undefined) ?? (ref.url ? images[ref.url] : undefined)
      );
    },
    link: (url) => links[url],
  };
}

function mediaItem(id: number): MediaItem {
  return {
    id,
    originalKey: `m/${id}/original.jpg`,
    mimeType: 'image/jpeg',
    width: 1200,
    height: 800,
    altText: `Image ${id}`,
    caption: '',
    creditPerson: '',
    creditOrganization: '',
    rights: 'own',
    licenseUrl: null,
    licenseExpiresAt: null,
    copyrightNotice: null,
    variants: [{ format: 'jpeg', width: 640, height: 427, key: `m/${id}/640.jpg` }],
  };
}

/** The document as the article page renders it. */
export function renderBody(doc: BodyDocument): string {
  const media = new Map(mediaIdsOf(doc).map((id) => [id, mediaItem(id)]));
  return renderToString(<BodyBlocks blocks={doc.content} ctx={{ media }} />);
}

/** Asserts nothing of the schema's; returns the document's text for further checks. */
export function validText(doc: BodyDocument): string {
  bodyDocumentSchema.parse(doc);
  return documentText(doc);
}
