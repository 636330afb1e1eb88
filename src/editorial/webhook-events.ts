// The editorial changes outside systems hear of (webhooks): each is queued in the transaction of the change,
// with the article as readers see it after the change.
import type { Kysely } from 'kysely';
import { publicArticleFacts } from '../articles/public-article-facts.js';
import type { Database } from '../storage/schema.js';
import { enqueueWebhookEvent } from '../webhooks/enqueue-event.js';

type ArticleEvent = 'article.published' | 'article.updated' | 'article.unpublished';

export async function queueArticleEvent(trx: Kysely<Database>, type: ArticleEvent, id: number, now: Date) {
  await enqueueWebhookEvent(trx, type, async () => ({ ...(await publicArticleFacts(trx, id)) }), now);
}

export async function queueCorrectionAdded(
  trx: Kysely<Database>,
  correction: { id: number; articleId: number; kind: string; text: string; placement: string },
  now: Date,
) {
  await enqueueWebhookEvent(
    trx,
    'correction.added',
    async () => ({
      id: correction.id,
      kind: correction.kind,
      text: correction.text,
      placement: correction.placement,
      publishedAt: now.toISOString(),
      article: { ...(await publicArticleFacts(trx, correction.articleId)) },
    }),
    now,
  );
}
