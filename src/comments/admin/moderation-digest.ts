// The moderators' digest, sent by the comment jobs: one mail to each moderator (and to each author, about
// their own articles) listing the held comments nobody was told about yet, never a mail per comment.
import { canModerateComments } from '../../admin/guardian.js';
import { listStaff, type StaffListItem } from '../../admin/staff/staff.js';
import { type ArticleRef, articlesByIds, authorIdsOf } from '../../articles/article-refs.js';
import { permanentMailFailure } from '../../mail/mailer.js';
import type { MailDeps } from '../comment-deps.js';
import type { CommentRow } from '../queries.js';
import { excerpt } from '../text.js';
import { unsubscribeHeaders, unsubscribeUrl } from '../unsubscribe.js';
import { claimForDigest, digestOptedOut, releaseDigestClaims, selectUndigested } from './digest-queries.js';

/**
 * Sends the digest; returns how many mails went out. Safe on several instances at once: each comment is
 * claimed by one of them. Each person's mail is sent on its own, so that one failure does not keep the
 * others' from going out. A failure that may pass gives its comments back to the next run, which lists them
 * to everyone they concern: someone whose mail did go out may read them twice, which is better than a held
 * comment nobody hears of. A permanent refusal (the server rejects the address) is not retried, or it would
 * repeat everyone else's digest on every run. Failures are thrown, after every mail was tried, for the log.
 */
export async function sendModerationDigest(deps: MailDeps): Promise<number> {
  const waiting = await selectUndigested(deps.db, 500);
  if (waiting.length === 0) return 0;
  const claimedAt = deps.clock();
  const claimed = new Set(
    await claimForDigest(
      deps.db,
      waiting.map((c) => c.id),
      claimedAt,
    ),
  );
  const comments = waiting.filter((c) => claimed.has(c.id));
  if (comments.length === 0) return 0;

  const articleIds = comments.map((c) => c.article_id);
  const [staff, optedOut, articles, authors, siteName] = await Promise.all([
    listStaff(deps.db),
    digestOptedOut(deps.db),
    articlesByIds(deps.db, articleIds),
    authorIdsOf(deps.db, articleIds),
    deps.siteName(),
  ]);
  let sent = 0;
  const failed: Array<{ staffId: number; error: unknown }> = [];
  const untold = new Set<number>();
  for (const person of staff) {
    if (person.disabledAt !== null || optedOut.has(person.id)) continue;
    const theirs = canModerateComments(person)
      ? comments
      : comments.filter(
          (c) => person.authorId !== null && authors.get(c.article_id)?.includes(person.authorId),
        );
    if (theirs.length === 0) continue;
    try {
      await deps.mailer.send(digestMail(deps, { person, comments: theirs, articles, siteName }));
      sent++;
    } catch (error) {
      failed.push({ staffId: person.id, error });
      if (!permanentMailFailure(error)) for (const c of theirs) untold.add(c.id);
    }
  }
  await releaseDigestClaims(deps.db, [...untold], claimedAt);
  if (failed.length > 0) {
    const first = failed[0]!.error;
    throw new Error(
      `the moderation digest could not be sent to staff ${failed.map((f) => f.staffId).join(', ')}` +
        `${untold.size > 0 ? ' (to be tried again next run)' : ''}: ` +
        `${first instanceof Error ? first.message : String(first)}`,
      { cause: first },
    );
  }
  return sent;
}

/** One person's digest: a moderator gets links to the queue, an author links to the articles. */
function digestMail(
  deps: MailDeps,
  digest: {
    person: StaffListItem;
    comments: CommentRow[];
    articles: Map<number, ArticleRef>;
    siteName: string;
  },
) {
  const { person, comments, articles } = digest;
  const moderator = canModerateComments(person);
  const unsubscribe = unsubscribeUrl(deps, { kind: 'digest', staffId: person.id });
  const lines = comments.flatMap((c) => {
    const article = articles.get(c.article_id);
    return [
      `• ${c.author_name} on “${article?.headline ?? 'an article'}”:`,
      `  ${excerpt(c.body, 200)}`,
      `  ${moderator ? `${deps.publicUrl}/admin/comments/${c.id}` : `${deps.publicUrl}/articles/${article?.slug ?? ''}`}`,
      '',
    ];
  });
  const count = comments.length === 1 ? 'One comment is' : `${comments.length} comments are`;
  return {
    to: person.email,
    subject: `${count} waiting for moderation on ${digest.siteName}`,
    text: [
      `Hello ${person.name},`,
      '',
      `${count} waiting for moderation${moderator ? '' : ' on your articles; an editor will review them'}:`,
      '',
      ...lines,
      ...(moderator ? [`The moderation queue: ${deps.publicUrl}/admin/comments`, ''] : []),
      `Stop these emails with one click: ${unsubscribe}`,
    ].join('\n'),
    headers: unsubscribeHeaders(unsubscribe),
  };
}
