// The warning above the form when a save was refused because a newer version was saved meanwhile: who
// saved it and when, how the typed text differs from it, and the two ways on (save mine over it, or load it).
import type { FieldDiff } from '../field-diff.js';
import { DiffLegend, DiffView } from './diff-view.js';

export interface ConflictInfo {
  version: number;
  savedBy: string | null;
  /** The same account saved it: the writer's own other tab or window. */
  savedByYou: boolean;
  savedAt: string | null;
  /** From the newer version to the text in the form. */
  changes: FieldDiff[];
  /** The edit page, which loads the newer version. */
  reloadHref: string;
}

export function ConflictPanel(props: { conflict: ConflictInfo; when: (iso: string) => string }) {
  const { conflict } = props;
  return (
    <section class="panel conflict" id="conflict" role="alert" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">
        {conflict.savedByYou
          ? 'You saved a newer version in another tab or window'
          : 'Someone else saved this article while you were editing'}
      </h2>
      <p>
        {conflict.savedByYou
          ? `You saved version ${conflict.version} in another tab or window`
          : `Version ${conflict.version} was saved${conflict.savedBy ? ` by ${conflict.savedBy}` : ''}`}
        {conflict.savedAt ? ` at ${props.when(conflict.savedAt)}` : ''}. Your changes were not saved;{' '}
        <strong>your text is still in the form below</strong>. Here is how your text differs from the newer
        version:
      </p>
      <DiffLegend />
      <DiffView changes={conflict.changes} empty="Your text and the newer version are the same." />
      <div class="actions">
        <button type="submit" form="article-form" name="overwriteVersion" value={String(conflict.version)}>
          Save mine over it
        </button>
        <a class="button secondary" href={conflict.reloadHref} data-discard-local="true">
          Load the newer version (discards your changes)
        </a>
      </div>
    </section>
  );
}
