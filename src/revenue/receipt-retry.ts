// Receipts also go out after every recorded payment; this catches those owed when no payment follows a
// mail outage. Several instances may run it at once: each receipt is claimed before it is sent.
import type { FastifyInstance } from 'fastify';
import { sendDueReceipts } from './receipt-mail.js';
import type { RevenueDeps } from './revenue-deps.js';

export function receiptRetry(deps: RevenueDeps, intervalMs = 5 * 60_000) {
  return async function register(app: FastifyInstance): Promise<void> {
    const retry = setInterval(() => {
      sendDueReceipts({
        db: deps.db,
        mailer: deps.mailer,
        publicUrl: deps.publicUrl,
        now: deps.clock(),
      }).catch((error: unknown) =>
        app.log.error(
          { code: (error as { code?: string }).code },
          'donation receipts could not be sent; will retry',
        ),
      );
    }, intervalMs);
    retry.unref();
    app.addHook('onClose', async () => {
      clearInterval(retry);
      deps.ledger.refresher.close();
    });
  };
}
