// Stripe events that were real (signed) but named nothing we or Stripe know: acknowledged so that Stripe
// stops retrying, and listed on the donations overview so that someone compares them with Stripe's dashboard.

import { StaffTime } from '../../admin/views/staff-time.js';
import type { UnmatchedEvent } from '../ledger/event-queries.js';

export function UnmatchedEvents(props: { events: UnmatchedEvent[] }) {
  if (props.events.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="unmatched-events">
      <h2 id="unmatched-events">Stripe events we could not match</h2>
      <p class="hint">
        Stripe sent these, signed, but they name a payment or subscription that neither this site nor Stripe
        knows any more. Nothing was recorded for them; look each one up in Stripe’s dashboard by its id and
        reconcile by hand (<code>npm run reconcile</code> compares the rest).
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Event</th>
            <th scope="col">Type</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {props.events.map((e) => (
            <tr>
              <td>
                <StaffTime iso={e.receivedAt} />
              </td>
              <td>
                <code>{e.id}</code>
              </td>
              <td>{e.type}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
