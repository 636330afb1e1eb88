// An editor's correction of a comment's text, name or website; the same limits as the reader's form apply,
// and the article's pages are refreshed when the comment is visible.
import type { StaffMember } from '../../admin/guardian.js';
import { type FieldErrors, Invalid, NotFound } from '../../http/errors.js';
import { announceChanged } from '../announce.js';
import type { CommentDeps } from '../comment-deps.js';
import { LIMITS } from '../form.js';
import { bodyHash } from '../post-comment.js';
import { selectComment } from '../queries.js';
import { safeWebUrl, tidyLine, tidyText } from '../text.js';
import { mustModerate } from './permissions.js';
import { updateText } from './queue-queries.js';

export interface CommentEdit {
  body: string;
  name: string;
  url: string;
}

export async function editComment(deps: CommentDeps, staff: StaffMember, id: number, edit: CommentEdit) {
  mustModerate(staff);
  const row = await selectComment(deps.db, id);
  if (!row || row.status === 'erased') throw new NotFound('There is no such comment.');
  const body = tidyText(edit.body);
  const name = tidyLine(edit.name);
  const rawUrl = edit.url.trim();
  const url = rawUrl ? safeWebUrl(rawUrl) : '';
  const errors: FieldErrors = {};
  if (!body) errors.body = 'A comment cannot be empty; send it to the trash instead.';
  else if (body.length > LIMITS.comment) errors.body = `At most ${LIMITS.comment} characters.`;
  if (!name) errors.name = 'The name cannot be empty.';
  else if (name.length > LIMITS.name) errors.name = `At most ${LIMITS.name} characters.`;
  if (url === null || (url && url.length > LIMITS.url))
    errors.url = 'Enter a web address starting with https://, or nothing.';
  if (Object.keys(errors).length > 0) throw new Invalid('The comment was not saved.', errors);
  await updateText(
    deps.db,
    id,
    { body, author_name: name, author_url: url ?? '', body_hash: bodyHash(body) },
    deps.clock(),
  );
  if (row.status === 'approved') await announceChanged(deps, [row.article_id]);
}
