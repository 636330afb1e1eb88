// The donor list for admins: search by name or email, totals net of refunds, whether a recurring donation
// runs, and whether they asked to be listed publicly (an admin may take a name off, never put one on).
import { CsrfField } from '../../admin/views/admin-layout.js';
import { StaffDate } from '../../admin/views/staff-time.js';
import type { DonorListItem } from '../donor-search.js';
import { formatMoney } from '../money.js';

export function DonorListPage(props: {
  items: DonorListItem[];
  total: number;
  search: string;
  page: number;
  pages: number;
  csrfToken: string;
  language: string;
}) {
  const query = (page: number) =>
    `/admin/donations/donors?${new URLSearchParams({ ...(props.search ? { q: props.search } : {}), page: String(page) })}`;
  return (
    <>
      <h1>Donors</h1>
      <p>
        <a href="/admin/donations">← Donations</a> ·{' '}
        <a href="/admin/donations/donors.csv">Download donors (CSV)</a>
      </p>
      <search>
        <form method="get" action="/admin/donations/donors" class="inline-form">
          <label for="donor-search">Name or email</label>
          <input id="donor-search" name="q" type="search" value={props.search} maxLength={200} />
          <button type="submit">Search</button>
        </form>
      </search>
      <p class="muted" role="status">
        {props.total === 0
          ? props.search
            ? 'No donor matches that search.'
            : 'No donors yet.'
          : `${props.total} ${props.total === 1 ? 'donor' : 'donors'}${props.search ? ' found' : ''}.`}
      </p>
      {props.items.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Donor</th>
              <th scope="col">Gifts</th>
              <th scope="col">Total</th>
              <th scope="col">Last gift</th>
              <th scope="col">Recurring</th>
              <th scope="col">Listed publicly</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((d) => (
              <tr>
                <th scope="row">
                  {d.name || '(no name)'}
                  <br />
                  <span class="muted">{d.email}</span>
                </th>
                <td>{d.gifts}</td>
                <td>{d.totals.map((t) => formatMoney(t, props.language)).join(', ') || '–'}</td>
                <td>
                  <StaffDate iso={d.lastGiftAt} />
                </td>
                <td>{d.recurring ? 'Yes' : 'No'}</td>
                <td>
                  {d.publicListing ? (
                    <form method="post" action={`/admin/donations/donors/${d.id}/unlist`} class="inline-form">
                      <CsrfField token={props.csrfToken} />
                      Yes{' '}
                      <button type="submit" class="secondary">
                        Take off the list
                      </button>
                    </form>
                  ) : (
                    'No'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.pages > 1 && (
        <nav aria-label="Pages" class="actions">
          {props.page > 1 && <a href={query(props.page - 1)}>← Previous</a>}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages && <a href={query(props.page + 1)}>Next →</a>}
        </nav>
      )}
    </>
  );
}
