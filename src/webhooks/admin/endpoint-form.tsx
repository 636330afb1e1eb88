// The form for one webhook endpoint: its address, what it is for, the events it receives, whether it is on.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import type { FieldErrors } from '../../http/errors.js';
import type { EndpointInput } from '../endpoints.js';
import { EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '../event-types.js';

export const FIELD_LABELS: Record<string, string> = {
  url: 'Address',
  description: 'Description',
  events: 'Events',
};

export function EndpointForm(props: {
  action: string;
  csrfToken: string;
  values: EndpointInput;
  errors?: FieldErrors;
  message?: string;
  submit: string;
}) {
  const { values, errors } = props;
  return (
    <>
      <ErrorSummary message={props.message} errors={errors} labels={FIELD_LABELS} />
      <form method="post" action={props.action} novalidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="url"
          label={FIELD_LABELS.url!}
          type="url"
          value={values.url}
          errors={errors}
          required
          maxLength={2000}
          hint="Where events are sent with an HTTP POST, e.g. https://example.org/hooks/broadsheet. Only addresses on the public internet."
        />
        <Field
          name="description"
          label={FIELD_LABELS.description!}
          value={values.description}
          errors={errors}
          maxLength={200}
          hint="What receives these events, for whoever reads this list next."
        />
        <fieldset class="panel" aria-describedby={errors?.events ? 'f-events-error' : undefined}>
          <legend>{FIELD_LABELS.events}</legend>
          {errors?.events && (
            <p class="field-error" id="f-events-error">
              {errors.events}
            </p>
          )}
          {WEBHOOK_EVENT_TYPES.map((type) => (
            <label class="field" key={type}>
              <input type="checkbox" name="events" value={type} checked={values.events.includes(type)} />{' '}
              <code>{type}</code> — {EVENT_LABELS[type]}
            </label>
          ))}
        </fieldset>
        <label class="field">
          <input type="checkbox" name="enabled" value="1" checked={values.enabled} /> Send events to this
          endpoint
        </label>
        <button type="submit">{props.submit}</button>
      </form>
    </>
  );
}

/** What the form sent: every field as a string, events as the list of boxes ticked. */
export function readEndpointForm(body: unknown): EndpointInput {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const events = fields.events;
  return {
    url: text('url'),
    description: text('description'),
    events: (Array.isArray(events) ? events : [events]).filter((e): e is string => typeof e === 'string'),
    enabled: text('enabled') === '1',
  };
}
