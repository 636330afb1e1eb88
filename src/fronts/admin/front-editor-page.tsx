// The front editor: the lead and featured slots in order, each with a choice of recent published stories and
// buttons to move it up or down (plain form posts, so the keyboard and no-JavaScript way is the same; with
// fronts.js a slot can also be dragged, announced through a live region), the pin and its expiry, then
// save the draft, preview it as readers will see it, or publish it.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary } from '../../admin/views/form.js';
import type { ArticleSummary } from '../../articles/model.js';
import type { FieldErrors } from '../../http/errors.js';
import { localInputValue } from '../../views/dates.js';
import type { FrontLayout } from '../front-layout.js';
import { slotValues } from './front-form.js';

export interface FrontEditorProps {
  csrfToken: string;
  /** Its address in the newsroom: 'home' or the section's slug. */
  path: string;
  name: string;
  layout: FrontLayout;
  unpublished: boolean;
  choices: ArticleSummary[];
  timeZone: string;
  errors?: FieldErrors;
  message?: string;
}

const LABELS = { pinned_until: 'Pinned until' };

function StoryChoice(props: {
  name: string;
  id: string;
  value: number | null;
  choices: ArticleSummary[];
  label: string;
}) {
  return (
    <select name={props.name} id={props.id} data-story-choice aria-label={props.label}>
      <option value="">— none —</option>
      {props.choices.map((a) => (
        <option value={String(a.id)} selected={a.id === props.value}>
          {a.headline}
          {a.section ? ` (${a.section.name})` : ''}
        </option>
      ))}
    </select>
  );
}

export function FrontEditorPage(props: FrontEditorProps) {
  const { layout } = props;
  const action = `/admin/fronts/${props.path}`;
  const slots = slotValues(layout);
  return (
    <>
      <h1>Front: {props.name}</h1>
      <p>
        <a href="/admin/fronts">← Fronts</a>
      </p>
      {props.unpublished && (
        <p class="notice" role="status">
          This draft differs from what readers see. Preview it, then publish.
        </p>
      )}
      <ErrorSummary message={props.message} errors={props.errors} labels={LABELS} />
      <form method="post" action={action} novalidate>
        <CsrfField token={props.csrfToken} />
        <fieldset class="panel">
          <legend>Lead and featured stories, in order</legend>
          <p class="hint">
            The first leads the front; the others are featured below it. Everything else follows by date, and
            no story appears twice.
          </p>
          <label class="front-filter" hidden data-front-filter>
            Find a story <input type="search" data-front-filter-input />
          </label>
          <ol class="front-slots" data-front-slots>
            {slots.map((value, i) => {
              const label = i === 0 ? 'Lead' : `Featured ${i}`;
              return (
                <li class="front-slot" data-slot={String(i)}>
                  <label for={`slot${i}`}>{label}</label>
                  <StoryChoice
                    name={`slot${i}`}
                    id={`slot${i}`}
                    value={value}
                    choices={props.choices}
                    label={label}
                  />
                  <span class="front-slot-moves">
                    <button
                      type="submit"
                      name="move"
                      value={`up:${i}`}
                      disabled={i === 0}
                      aria-label={`Move ${label} up`}
                    >
                      ↑ Up
                    </button>
                    <button
                      type="submit"
                      name="move"
                      value={`down:${i}`}
                      disabled={i === slots.length - 1}
                      aria-label={`Move ${label} down`}
                    >
                      ↓ Down
                    </button>
                  </span>
                </li>
              );
            })}
          </ol>
          <p class="visually-hidden" aria-live="polite" data-front-announce />
        </fieldset>
        <fieldset class="panel">
          <legend>Pinned story</legend>
          <label for="pinned">Pinned</label>
          <StoryChoice
            name="pinned"
            id="pinned"
            value={layout.pinned?.id ?? null}
            choices={props.choices}
            label="Pinned story"
          />
          <label for="pinned_until">Pinned until (optional, {props.timeZone})</label>
          <input
            type="datetime-local"
            id="pinned_until"
            name="pinned_until"
            value={layout.pinned?.until ? localInputValue(layout.pinned.until, props.timeZone) : ''}
            aria-invalid={props.errors?.pinned_until ? 'true' : undefined}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" name="action" value="save">
            Save draft
          </button>
          <a href={`${action}/preview`}>Preview the draft</a>
          <button type="submit" name="action" value="publish">
            Publish
          </button>
        </div>
      </form>
    </>
  );
}
