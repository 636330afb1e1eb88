// A field-by-field comparison as text with <del> and <ins>: shared by the revisions page and the conflict
// message. Long unchanged stretches are shortened around the changes so the changes stand out.
import type { DiffPart, FieldDiff } from '../field-diff.js';

const KEEP = 160;

/** Unchanged text far from any change, cut to its ends. */
function shorten(part: DiffPart, first: boolean, last: boolean): string {
  const { value } = part;
  if (value.length <= KEEP * 2 + 20) return value;
  const head = first ? '' : value.slice(0, KEEP);
  const tail = last ? '' : value.slice(-KEEP);
  return `${head} … ${tail}`;
}

export function DiffParts(props: { parts: DiffPart[] }) {
  const { parts } = props;
  return (
    <p class="diff-text">
      {parts.map((p, i) => {
        if (p.added) return <ins>{p.value}</ins>;
        if (p.removed) return <del>{p.value}</del>;
        return shorten(p, i === 0, i === parts.length - 1);
      })}
    </p>
  );
}

export function DiffView(props: { changes: FieldDiff[]; empty?: string }) {
  if (props.changes.length === 0) return <p>{props.empty ?? 'These versions are the same.'}</p>;
  return (
    <dl class="diff">
      {props.changes.map((c) => (
        <>
          <dt>{c.label}</dt>
          <dd>
            <DiffParts parts={c.parts} />
          </dd>
        </>
      ))}
    </dl>
  );
}

export function DiffLegend() {
  return (
    <p class="hint">
      <del>Struck-through text</del> was removed; <ins>underlined text</ins> was added.
    </p>
  );
}
