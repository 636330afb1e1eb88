// The reader's comment form, as in the reference: "Submit a Comment", the line about the email address,
// Comment, Name, Email and Website, the reply opt-in and "Post Comment". On the cached article page it is
// empty; after a problem it comes back (uncached) with what the reader typed and each message by its field.
import type { FieldErrors } from '../../http/errors.js';
import { type CommentFormValues, HONEYPOT_FIELD, LIMITS } from '../form.js';

export const emptyValues = (parent = ''): CommentFormValues => ({
  comment: '',
  name: '',
  email: '',
  url: '',
  notify: false,
  parent,
  token: '',
  honeypot: '',
});

interface FieldProps {
  id: string;
  name: keyof typeof LABELS;
  errors: FieldErrors;
}

const LABELS = { comment: 'Comment', name: 'Name', email: 'Email', url: 'Website' } as const;

function Label(props: { for: string; text: string; required: boolean }) {
  return (
    <label for={props.for}>
      {props.text}
      {props.required && (
        <>
          {' '}
          <span class="required" aria-hidden="true">
            *
          </span>
        </>
      )}
    </label>
  );
}

function ErrorText(props: FieldProps) {
  const error = props.errors[props.name];
  return (
    <p class="field-error" id={`${props.id}-error`} hidden={!error}>
      {error ?? ''}
    </p>
  );
}

function aria(props: FieldProps) {
  const error = props.errors[props.name];
  return { 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': `${props.id}-error` };
}

export function CommentForm(props: {
  slug: string;
  values: CommentFormValues;
  errors?: FieldErrors;
  message?: string;
  /** Signed time the form was shown; see tokens.ts. */
  token: string;
  /** Replying to this comment (no-JavaScript reply page). */
  replyTo?: { id: number; name: string };
}) {
  const { values, slug } = props;
  const errors = props.errors ?? {};
  const field = (name: keyof typeof LABELS): FieldProps => ({ id: `comment-${name}`, name, errors });
  return (
    <div class="comment-respond" id="respond">
      <h2 id="respond-title">{props.replyTo ? `Reply to ${props.replyTo.name}` : 'Submit a Comment'}</h2>
      <form
        class="comment-form"
        id="comment-form"
        method="post"
        action={`/articles/${slug}/comments`}
        novalidate
        aria-labelledby="respond-title"
        data-article={slug}
      >
        {/* The reference's line, word for word; screen readers say the star as "star". */}
        <p class="comment-notes">
          Your email address will not be published. Required fields are marked <span class="required">*</span>
        </p>
        <p class="form-message" role="alert" hidden={!props.message}>
          {props.message ?? ''}
        </p>
        <div class="field">
          <Label for="comment-comment" text={LABELS.comment} required />
          <textarea
            id="comment-comment"
            name="comment"
            rows={6}
            required
            maxLength={LIMITS.comment}
            value={values.comment}
            {...aria(field('comment'))}
          />
          <ErrorText {...field('comment')} />
        </div>
        <div class="field">
          <Label for="comment-name" text={LABELS.name} required />
          <input
            id="comment-name"
            name="name"
            type="text"
            required
            maxLength={LIMITS.name}
            autocomplete="name"
            value={values.name}
            {...aria(field('name'))}
          />
          <ErrorText {...field('name')} />
        </div>
        <div class="field">
          <Label for="comment-email" text={LABELS.email} required />
          <input
            id="comment-email"
            name="email"
            type="email"
            required
            maxLength={LIMITS.email}
            autocomplete="email"
            value={values.email}
            {...aria(field('email'))}
          />
          <ErrorText {...field('email')} />
        </div>
        <div class="field">
          <Label for="comment-url" text={LABELS.url} required={false} />
          <input
            id="comment-url"
            name="url"
            type="url"
            maxLength={LIMITS.url}
            autocomplete="url"
            value={values.url}
            {...aria(field('url'))}
          />
          <ErrorText {...field('url')} />
        </div>
        {/* Hidden from people (and from screen readers); scripts that fill every field give themselves away. */}
        <div class="comment-hp" aria-hidden="true">
          <label for="comment-hp">Leave this field empty</label>
          <input
            id="comment-hp"
            name={HONEYPOT_FIELD}
            type="text"
            tabindex={-1}
            autocomplete="off"
            value={values.honeypot}
          />
        </div>
        <div class="field field-check">
          <input id="comment-notify" name="notify" type="checkbox" value="on" checked={values.notify} />
          <label for="comment-notify">Email me when someone replies to my comment</label>
        </div>
        <input type="hidden" name="parent" value={props.replyTo ? String(props.replyTo.id) : values.parent} />
        <input type="hidden" name="t" value={props.token} />
        <p class="form-actions">
          <button type="submit">Post Comment</button>
          {props.replyTo && <a href={`/articles/${slug}#comments`}>Cancel reply</a>}
        </p>
        <p class="comment-privacy">
          <a href="/comments/my-data">Your comments and your data</a>
        </p>
      </form>
    </div>
  );
}
