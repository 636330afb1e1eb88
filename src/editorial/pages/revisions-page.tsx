// An article's revisions: every saved version with who and when, a comparison of any two, and a restore
// button on each (restoring saves that version again as the newest; nothing in between is lost).
import { PostButton } from '../../admin/views/post-button.js';
import type { EditableArticle } from '../editable.js';
import type { FieldDiff } from '../field-diff.js';
import type { ActivitySummary, RevisionSummary } from '../revisions.js';
import { DiffLegend, DiffView } from './diff-view.js';

const KIND_LABELS = { manual: 'Saved', autosave: 'Autosaved', restore: 'Restored' } as const;
const ACTION_LABELS = {
  submitted: 'Submitted for review',
  returned: 'Back to draft',
  published: 'Published',
  scheduled: 'Scheduled',
  unpublished: 'Unpublished',
  trashed: 'Moved to the trash',
  restored: 'Restored from the trash',
} as const;

/** Who made a change, and through what when it was not the editor. */
function byWhom(name: string | null, via: string | null): string {
  const who = name ?? '—';
  return via === null ? who : `${who} via API token ‘${via}’`;
}

export function RevisionsPage(props: {
  csrfToken: string;
  article: EditableArticle;
  revisions: RevisionSummary[];
  activity: ActivitySummary[];
  canRestore: boolean;
  comparison?: { from: RevisionSummary; to: RevisionSummary; changes: FieldDiff[] };
  when: (iso: string) => string;
}) {
  const { article, revisions, comparison } = props;
  const base = `/admin/articles/${article.id}`;
  const label = (r: RevisionSummary) =>
    `Version ${r.version} · ${props.when(r.savedAt)}${r.savedBy ? ` · ${r.savedBy}` : ''}`;
  const newest = revisions[0]?.version ?? article.version;
  return (
    <>
      <p>
        <a href={base}>← Back to “{article.fields.headline}”</a>
      </p>
      <h1>Revisions</h1>
      <form method="get" action={`${base}/revisions`} class="filters">
        <div class="field">
          <label for="compare-from">Compare</label>
          <select id="compare-from" name="from">
            {revisions.map((r) => (
              <option
                value={String(r.version)}
                selected={(comparison?.from.version ?? Math.max(1, newest - 1)) === r.version}
              >
                {label(r)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="compare-to">with</label>
          <select id="compare-to" name="to">
            {revisions.map((r) => (
              <option value={String(r.version)} selected={(comparison?.to.version ?? newest) === r.version}>
                {label(r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="secondary">
          Compare
        </button>
      </form>
      {comparison && (
        <section class="panel" aria-labelledby="comparison-heading">
          <h2 id="comparison-heading">
            From version {comparison.from.version} to version {comparison.to.version}
          </h2>
          <DiffLegend />
          <DiffView changes={comparison.changes} />
        </section>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">What</th>
            <th scope="col">Who</th>
            <th scope="col">When</th>
            <th scope="col">
              <span class="muted">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r) => (
            <tr>
              <td>{r.version}</td>
              <td>{KIND_LABELS[r.kind]}</td>
              <td>{byWhom(r.savedBy, r.via)}</td>
              <td>{props.when(r.savedAt)}</td>
              <td class="actions">
                {r.version !== newest && (
                  <a href={`${base}/revisions?from=${r.version}&to=${newest}`}>Compare with the newest</a>
                )}
                {props.canRestore && r.version !== newest && (
                  <PostButton
                    action={`${base}/revisions/${r.version}/restore`}
                    csrfToken={props.csrfToken}
                    kind="secondary"
                    confirm={`Restore version ${r.version}? It is saved again as the newest version.`}
                  >
                    Restore version {r.version}
                  </PostButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.activity.length > 0 && (
        <section aria-labelledby="activity-heading">
          <h2 id="activity-heading">Workflow</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {props.activity.map((a) => (
                <tr>
                  <td>
                    {a.note === null ? ACTION_LABELS[a.action] : 'Returned to the writer with notes'}
                    {a.note !== null && <p class="return-note">{a.note}</p>}
                  </td>
                  <td>{byWhom(a.by, a.via)}</td>
                  <td>{props.when(a.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
