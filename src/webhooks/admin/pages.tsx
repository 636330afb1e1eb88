// The webhooks screens: the list of endpoints with their state, and one endpoint with its form, its signing
// secret, its deliveries (each may be sent again) and the log of every attempt.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { StaffTime } from '../../admin/views/staff-time.js';
import type { FieldErrors } from '../../http/errors.js';
import type { Endpoint, EndpointInput } from '../endpoints.js';
import { EndpointForm } from './endpoint-form.js';

const STATUS_LABELS = { active: 'Active', failing: 'Failing', disabled: 'Disabled' } as const;

/** Deliveries, attempts and retries are instants someone acts on: in the site's zone, named. */
function When(props: { iso: string | null }) {
  return <StaffTime iso={props.iso} />;
}

function DisabledNotice(props: { endpoint: Endpoint }) {
  const { endpoint } = props;
  if (endpoint.status !== 'disabled') return null;
  return (
    <p class="flash flash-error" role="status">
      Disabled <When iso={endpoint.disabledAt} />. {endpoint.disabledReason ?? ''} Events that happen while it
      is disabled are not queued for it; deliveries that were waiting are sent once it is enabled again, and a
      failed one can be sent again from the list below.
    </p>
  );
}

export function EndpointListPage(props: { endpoints: Endpoint[] }) {
  return (
    <>
      <h1>Webhooks</h1>
      <p>
        Other systems can be told when something happens here: each endpoint receives the events it chose,
        signed as <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> describes.{' '}
        <a href="/admin/webhooks/new">Add an endpoint</a>
      </p>
      {props.endpoints.some((e) => e.status === 'disabled') && (
        <p class="flash flash-error" role="status">
          Some endpoints were disabled after failing for days. Open one to see what its receiver answered.
        </p>
      )}
      {props.endpoints.length === 0 ? (
        <p>No endpoints yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Events</th>
              <th scope="col">Status</th>
              <th scope="col">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {props.endpoints.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={`/admin/webhooks/${e.id}`}>{e.url}</a>
                  {e.description && <div>{e.description}</div>}
                </td>
                <td>{e.events.join(', ')}</td>
                <td>
                  {STATUS_LABELS[e.status]}
                  {e.status === 'failing' && (
                    <>
                      {' '}
                      since <When iso={e.failingSince} />
                    </>
                  )}
                </td>
                <td>{e.pending}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function NewEndpointPage(props: {
  csrfToken: string;
  values: EndpointInput;
  errors?: FieldErrors;
  message?: string;
}) {
  return (
    <>
      <h1>Add a webhook endpoint</h1>
      <p>
        <a href="/admin/webhooks">← Webhooks</a>
      </p>
      <EndpointForm action="/admin/webhooks" submit="Add the endpoint" {...props} />
    </>
  );
}

export interface DeliveryRow {
  id: number;
  type: string;
  message_id: string;
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
}

export interface AttemptRow {
  id: number;
  delivery_id: number;
  type: string;
  attempt: number;
  attempted_at: string;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
}

function ActionButton(props: { action: string; csrfToken: string; label: string }) {
  return (
    <form method="post" action={props.action} class="inline-form">
      <CsrfField token={props.csrfToken} />
      <button type="submit">{props.label}</button>
    </form>
  );
}

export function EndpointPage(props: {
  csrfToken: string;
  endpoint: Endpoint;
  secret: string;
  values: EndpointInput;
  errors?: FieldErrors;
  message?: string;
  deliveries: DeliveryRow[];
  attempts: AttemptRow[];
}) {
  const { endpoint, csrfToken } = props;
  const base = `/admin/webhooks/${endpoint.id}`;
  return (
    <>
      <h1>Webhook endpoint</h1>
      <p>
        <a href="/admin/webhooks">← Webhooks</a>
      </p>
      <DisabledNotice endpoint={endpoint} />
      <p>
        Status: <strong>{STATUS_LABELS[endpoint.status]}</strong>
        {endpoint.status === 'failing' && (
          <>
            {' '}
            (every attempt has failed since <When iso={endpoint.failingSince} />)
          </>
        )}
        . Waiting to be sent: {endpoint.pending}.
      </p>
      <div class="actions">
        {endpoint.status === 'disabled' && (
          <ActionButton action={`${base}/enable`} csrfToken={csrfToken} label="Enable again" />
        )}
        {endpoint.enabled && (
          <ActionButton action={`${base}/test`} csrfToken={csrfToken} label="Send a test event" />
        )}
      </div>
      <h2>Signing secret</h2>
      <details>
        <summary>Show the signing secret</summary>
        <p>
          <code>{props.secret}</code>
        </p>
      </details>
      <p>
        Give it to the receiver to check the <code>webhook-signature</code> header. Rotating it signs every
        message from now on with a new one; the old one signs beside it for a day, while the receiver is
        changed.
      </p>
      <ActionButton action={`${base}/rotate-secret`} csrfToken={csrfToken} label="Rotate the secret" />
      <h2>Settings</h2>
      <EndpointForm
        action={base}
        submit="Save the endpoint"
        csrfToken={csrfToken}
        values={props.values}
        errors={props.errors}
        message={props.message}
      />
      <h2>Deliveries</h2>
      {props.deliveries.length === 0 ? (
        <p>Nothing sent yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Queued</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last answer</th>
              <th scope="col">Next retry</th>
              <th scope="col">
                <span class="visually-hidden">Send again</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr key={d.id}>
                <td>
                  <code>{d.type}</code>
                  <div>
                    <small>{d.message_id}</small>
                  </div>
                </td>
                <td>
                  <When iso={d.created_at} />
                </td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.last_error ?? (d.last_status === null ? '—' : String(d.last_status))}</td>
                <td>
                  <When iso={d.status === 'pending' ? d.next_attempt_at : null} />
                </td>
                <td>
                  <ActionButton
                    action={`${base}/deliveries/${d.id}/redeliver`}
                    csrfToken={csrfToken}
                    label="Send again"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Attempts</h2>
      {props.attempts.length === 0 ? (
        <p>No attempts yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Attempt</th>
              <th scope="col">Status code</th>
              <th scope="col">Response time</th>
              <th scope="col">Error</th>
            </tr>
          </thead>
          <tbody>
            {props.attempts.map((a) => (
              <tr key={a.id}>
                <td>
                  <When iso={a.attempted_at} />
                </td>
                <td>
                  <code>{a.type}</code>
                </td>
                <td>{a.attempt}</td>
                <td>{a.status_code ?? '—'}</td>
                <td>{a.duration_ms} ms</td>
                <td>{a.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
