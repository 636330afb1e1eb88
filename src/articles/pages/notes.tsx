// The notes appended to a story after publication: corrections and clarifications above it, updates (or
// whatever the editor placed there) below it, each with its date, and a link to the public record.
import type { SiteContext } from '../../site/site-context.js';
import { readableDate } from '../../views/dates.js';
import { type CorrectionNotice, NOTICE_LABELS } from '../model.js';

export function Notes(props: { notices: CorrectionNotice[]; ctx: SiteContext; placement: 'top' | 'bottom' }) {
  const { language, timeZone } = props.ctx.settings;
  const notices = props.notices.filter((n) => n.placement === props.placement);
  if (notices.length === 0) return null;
  return (
    <aside class={`article-notes article-notes-${props.placement}`} aria-label="Corrections and updates">
      {notices.map((n) => (
        <p class={`article-note article-note-${n.kind}`}>
          <strong>{NOTICE_LABELS[n.kind]}</strong>{' '}
          <time datetime={n.publishedAt}>({readableDate(n.publishedAt, language, timeZone)})</time>: {n.text}
        </p>
      ))}
      {props.placement === 'top' && (
        <p class="article-notes-link">
          <a href="/corrections">All corrections</a>
        </p>
      )}
    </aside>
  );
}
