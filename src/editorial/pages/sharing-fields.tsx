// The search and sharing panel: the headlines, descriptions and image written for search engines and social
// cards (each hint says what serves when it is left empty), the canonical override and noindex, and two
// previews: the story as a search result and as a social card. Rendered with the form's values, so they read
// right without JavaScript; the editor script (client/sharing-preview.ts) redraws them as the writer types.
import { Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import { type ArticleForm, MAX_META_DESCRIPTION, MAX_SOCIAL_DESCRIPTION } from '../article-form.js';
import type { MediaChoice } from '../media-choices.js';
import { NO_CARD_IMAGE, type SharingPreview, sharingPreview } from '../sharing-preview.js';
import { mediaLabel } from './publishing-fields.js';

interface SharingProps {
  form: ArticleForm;
  media: MediaChoice[];
  /** The site's public address, which the search result's breadcrumbs and the card's domain show. */
  siteUrl: string;
  errors?: FieldErrors;
}

export function SharingFields(props: SharingProps) {
  const { form, errors } = props;
  return (
    <fieldset class="sharing-fields">
      <legend>Search and sharing</legend>
      <Field
        name="seoHeadline"
        label="SEO headline"
        value={form.seoHeadline}
        errors={errors}
        maxLength={300}
        hint="For search results, if different. Google shows about 60 characters. Empty: the headline is used."
      />
      <Field
        name="metaDescription"
        label="Description"
        value={form.metaDescription}
        errors={errors}
        multiline
        maxLength={MAX_META_DESCRIPTION}
        hint={`For search results and shares. Search engines show about 155 characters; at most ${MAX_META_DESCRIPTION}. Empty: the dek is used.`}
      />
      <Field
        name="socialHeadline"
        label="Social headline"
        value={form.socialHeadline}
        errors={errors}
        maxLength={300}
        hint="For shares on social networks, if different. Empty: the SEO headline, else the headline, is used."
      />
      <Field
        name="socialDescription"
        label="Social description"
        value={form.socialDescription}
        errors={errors}
        multiline
        maxLength={MAX_SOCIAL_DESCRIPTION}
        hint={`For shares on social networks; at most ${MAX_SOCIAL_DESCRIPTION} characters. Empty: the description, else the dek, is used.`}
      />
      <Field
        name="socialImageId"
        label="Social image"
        value={form.socialImageId}
        errors={errors}
        options={[
          ['', '— the hero —'],
          ...props.media.map((m): [string, string] => [String(m.id), mediaLabel(m)]),
        ]}
        hint="For shares, if the hero does not suit a card (cards are cut to about 1.91:1). Empty: the hero is used."
      />
      <div class="hero-preview" data-image-preview="socialImageId" />
      <Field
        name="canonicalUrl"
        label="Canonical URL"
        type="url"
        value={form.canonicalUrl}
        errors={errors}
        maxLength={2000}
        hint="Only for a story first published elsewhere: the original’s full address, which search engines then credit. Empty: this story’s own address."
      />
      <div class="field">
        <label>
          <input type="checkbox" name="noindex" value="on" checked={form.noindex === 'on'} /> Hide from search
          engines
        </label>
        <p class="hint">
          Asks them not to list the story, and leaves it out of the sitemaps; feeds still carry it.
        </p>
      </div>
      <SharingPreviews
        preview={previewOfForm(form, props.siteUrl)}
        siteUrl={props.siteUrl}
        image={cardImage(form, props.media)}
      />
    </fieldset>
  );
}

function previewOfForm(form: ArticleForm, siteUrl: string): SharingPreview {
  return sharingPreview({ ...form, noindex: form.noindex === 'on' }, siteUrl);
}

/** The card's picture: the social image, else the hero, as the head chooses. */
function cardImage(form: ArticleForm, media: MediaChoice[]): MediaChoice | null {
  const byId = (id: string) => (id ? (media.find((m) => String(m.id) === id) ?? null) : null);
  return byId(form.socialImageId) ?? byId(form.heroMediaId);
}

function SharingPreviews(props: { preview: SharingPreview; siteUrl: string; image: MediaChoice | null }) {
  const { search, card } = props.preview;
  const image = props.image;
  return (
    <div class="sharing-previews" data-sharing-preview={props.siteUrl}>
      <figure class="search-preview" aria-labelledby="search-preview-heading">
        <figcaption>
          <h2 id="search-preview-heading">In a search result</h2>
        </figcaption>
        <div class="search-result">
          <p class="search-result-crumbs" data-preview="search-crumbs">
            {search.crumbs.join(' › ')}
          </p>
          <p class="search-result-title" data-preview="search-title">
            {search.title}
          </p>
          <p class="search-result-description" data-preview="search-description">
            {search.description}
          </p>
        </div>
        <ul class="preview-warnings" data-preview="search-warnings" hidden={search.warnings.length === 0}>
          {search.warnings.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
      </figure>
      <figure class="card-preview" aria-labelledby="card-preview-heading">
        <figcaption>
          <h2 id="card-preview-heading">On a social card</h2>
        </figcaption>
        <div class="social-card">
          <div class="social-card-image" data-preview="card-image">
            {image?.thumbUrl ? <img src={image.thumbUrl} alt={image.altText} /> : <p>{NO_CARD_IMAGE}</p>}
          </div>
          <p class="social-card-domain" data-preview="card-domain">
            {card.domain}
          </p>
          <p class="social-card-title" data-preview="card-title">
            {card.title}
          </p>
          <p class="social-card-description" data-preview="card-description">
            {card.description}
          </p>
        </div>
      </figure>
    </div>
  );
}
