// The fronts screen: the home page and each section's front to edit, and the breaking-news banner's form.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import type { FieldErrors } from '../../http/errors.js';
import { BANNER_STYLE_LABELS, BANNER_STYLES } from '../banner.js';

export interface BannerFormValues {
  text: string;
  link: string;
  style: string;
  expiresAt: string;
}

const BANNER_LABELS = { text: 'Banner text', link: 'Link', style: 'Style', expiresAt: 'Expires' };

export function FrontsIndexPage(props: {
  csrfToken: string;
  fronts: Array<{ path: string; name: string }>;
  banner: BannerFormValues;
  bannerVersion: number | null;
  timeZone: string;
  errors?: FieldErrors;
  message?: string;
}) {
  const { banner, errors } = props;
  return (
    <>
      <h1>Fronts</h1>
      <p>Choose the stories that lead the home page and each section; the rest follow by date.</p>
      <ul>
        {props.fronts.map((f) => (
          <li>
            <a href={`/admin/fronts/${f.path}`}>{f.name}</a>
          </li>
        ))}
      </ul>
      <h2 id="banner">Breaking-news banner</h2>
      <p>Shown at the top of every page of the site until it expires or is removed.</p>
      <ErrorSummary message={props.message} errors={errors} labels={BANNER_LABELS} />
      <form method="post" action="/admin/banner" novalidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="text"
          label={BANNER_LABELS.text}
          value={banner.text}
          errors={errors}
          maxLength={200}
          required
        />
        <Field
          name="link"
          label={BANNER_LABELS.link}
          value={banner.link}
          errors={errors}
          hint="Optional: a web address (https://…) or a path of this site (/articles/…)."
        />
        <Field
          name="style"
          label={BANNER_LABELS.style}
          value={banner.style}
          errors={errors}
          options={BANNER_STYLES.map((s) => [s, BANNER_STYLE_LABELS[s]])}
        />
        <label for="f-expiresAt">Expires (optional, {props.timeZone})</label>
        <input
          type="datetime-local"
          id="f-expiresAt"
          name="expiresAt"
          value={banner.expiresAt}
          aria-invalid={errors?.expiresAt ? 'true' : undefined}
        />
        <div class="actions">
          <button type="submit">
            {props.bannerVersion === null ? 'Show the banner' : 'Update the banner'}
          </button>
        </div>
      </form>
      {props.bannerVersion !== null && (
        <PostButton action="/admin/banner/remove" csrfToken={props.csrfToken} kind="danger">
          Remove the banner
        </PostButton>
      )}
    </>
  );
}
