// Telling the admins that an endpoint was disabled: the newsroom shows it on the webhooks screen (from the
// endpoint's row), and each admin gets one mail, sent once, by the instance that disabled it.
import { listStaff } from '../admin/staff/staff.js';
import type { WebhookDeps } from './webhook-deps.js';

export async function tellAdminsDisabled(
  deps: Pick<WebhookDeps, 'db' | 'mailer' | 'publicUrl'>,
  endpoint: { id: number; url: string },
  reason: string,
): Promise<void> {
  const admins = (await listStaff(deps.db)).filter((s) => s.role === 'admin' && s.disabledAt === null);
  // Only the host: a receiver's path may carry a token of its own.
  const host = new URL(endpoint.url).host;
  const screen = `${deps.publicUrl}/admin/webhooks/${endpoint.id}`;
  for (const admin of admins) {
    await deps.mailer.send({
      to: admin.email,
      subject: `Webhook endpoint disabled: ${host}`,
      text: `Webhooks are no longer sent to ${host}. ${reason}\n\nEvents are not queued for it while it is disabled; deliveries that were waiting are sent once it is enabled again. See what the receiver answered, and enable it again once it works:\n${screen}\n`,
      topic: 'webhooks',
    });
  }
}
