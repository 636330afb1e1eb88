// What admins do with webhook endpoints: register and change one (its address checked against the public
// internet), rotate its signing secret, enable it again after it was disabled, send it a test event, and
// send one delivery again. Every function asks for an admin (guardian.ts) before it reads anything.

import type { Selectable } from 'kysely';
import { z } from 'zod';
import { canEditSettings, type StaffMember } from '../admin/guardian.js';
import { Forbidden, Invalid, NotFound } from '../http/errors.js';
import { parseOrInvalid } from '../http/validation.js';
import type { WebhookEndpointsTable } from '../storage/schema.js';
import { endpointAddressProblem, parseEndpointUrl } from './endpoint-address.js';
import {
  insertEndpoint,
  pendingCounts,
  requeueDelivery,
  selectDelivery,
  selectEndpoint,
  selectEndpoints,
  updateEndpoint,
} from './endpoint-queries.js';
import { insertEvent } from './enqueue-event.js';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types.js';
import { newSigningSecret } from './signing-secret.js';
import type { WebhookDeps } from './webhook-deps.js';

export type EndpointStatus = 'active' | 'failing' | 'disabled';

export interface Endpoint {
  id: number;
  url: string;
  description: string;
  events: WebhookEventType[];
  enabled: boolean;
  status: EndpointStatus;
  failingSince: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  pending: number;
}

export interface EndpointInput {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

function mustBeAdmin(actor: StaffMember) {
  // Endpoints receive the site's events and hold signing secrets: the people who change the site's settings.
  if (!canEditSettings(actor)) throw new Forbidden('Only admins may manage webhooks.');
}

function endpointFrom(row: Selectable<WebhookEndpointsTable>, pending: number): Endpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    enabled: row.enabled === 1,
    status: row.enabled !== 1 ? 'disabled' : row.failing_since ? 'failing' : 'active',
    failingSince: row.failing_since,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    pending,
  };
}

export async function listEndpoints(deps: Pick<WebhookDeps, 'db'>, actor: StaffMember): Promise<Endpoint[]> {
  mustBeAdmin(actor);
  const [rows, pending] = await Promise.all([selectEndpoints(deps.db), pendingCounts(deps.db)]);
  return rows.map((row) => endpointFrom(row, pending.get(row.id) ?? 0));
}

export async function loadEndpoint(deps: Pick<WebhookDeps, 'db'>, actor: StaffMember, id: number) {
  mustBeAdmin(actor);
  const row = await selectEndpoint(deps.db, id);
  if (!row) throw new NotFound('There is no such webhook endpoint.');
  const pending = (await pendingCounts(deps.db)).get(id) ?? 0;
  return { endpoint: endpointFrom(row, pending), secret: row.secret };
}

const inputSchema = z.object({
  url: z.string().max(2000, 'The address must be at most 2000 characters.'),
  description: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= 200, 'The description must be at most 200 characters.'),
  events: z
    .array(z.enum(WEBHOOK_EVENT_TYPES, { message: 'Choose among the events listed.' }))
    .min(1, 'Choose at least one event.'),
  enabled: z.boolean(),
});

async function checkedInput(deps: WebhookDeps, input: EndpointInput) {
  const values = parseOrInvalid(inputSchema, input, 'The endpoint was not saved.');
  const url = parseEndpointUrl(values.url);
  if (typeof url === 'string') throw new Invalid('The endpoint was not saved.', { url });
  const problem = await endpointAddressProblem(url, deps.resolveHost, deps.allowedHosts);
  if (problem) throw new Invalid('The endpoint was not saved.', { url: problem });
  return { ...values, url: url.toString() };
}

export async function createEndpoint(deps: WebhookDeps, actor: StaffMember, input: EndpointInput) {
  mustBeAdmin(actor);
  const values = await checkedInput(deps, input);
  const at = deps.clock().toISOString();
  return insertEndpoint(deps.db, {
    url: values.url,
    description: values.description,
    events: JSON.stringify(values.events),
    enabled: values.enabled ? 1 : 0,
    secret: newSigningSecret(),
    disabled_at: values.enabled ? null : at,
    disabled_reason: values.enabled ? null : 'Disabled by an admin.',
    created_at: at,
    updated_at: at,
  });
}

export async function changeEndpoint(
  deps: WebhookDeps,
  actor: StaffMember,
  id: number,
  input: EndpointInput,
) {
  const { endpoint } = await loadEndpoint(deps, actor, id);
  const values = await checkedInput(deps, input);
  const at = deps.clock().toISOString();
  const enabling = values.enabled && !endpoint.enabled;
  const disabling = !values.enabled && endpoint.enabled;
  await updateEndpoint(deps.db, id, {
    url: values.url,
    description: values.description,
    events: JSON.stringify(values.events),
    enabled: values.enabled ? 1 : 0,
    updated_at: at,
    ...(enabling ? { failing_since: null, disabled_at: null, disabled_reason: null } : {}),
    ...(disabling ? { disabled_at: at, disabled_reason: 'Disabled by an admin.' } : {}),
  });
}

/** How long a rotated-out secret still signs beside the new one: a day to give the receiver the new one. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * A new secret signs every message from now on; the old one signs beside it for a day (two signatures in
 * webhook-signature), so a receiver still checking with the old one misses nothing while it is changed.
 */
export async function rotateSecret(deps: WebhookDeps, actor: StaffMember, id: number) {
  const { secret } = await loadEndpoint(deps, actor, id);
  const now = deps.clock();
  await updateEndpoint(deps.db, id, {
    secret: newSigningSecret(),
    previous_secret: secret,
    previous_secret_until: new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString(),
    updated_at: now.toISOString(),
  });
}

/** Back on after it was disabled: the deliveries that were waiting are sent from the next pass. */
export async function enableEndpoint(deps: WebhookDeps, actor: StaffMember, id: number) {
  await loadEndpoint(deps, actor, id);
  await updateEndpoint(deps.db, id, {
    enabled: 1,
    failing_since: null,
    disabled_at: null,
    disabled_reason: null,
    updated_at: deps.clock().toISOString(),
  });
}

/** Queues a `webhook.test` message for this endpoint only, sent like any other (signed, retried, logged). */
export async function sendTestEvent(deps: WebhookDeps, actor: StaffMember, id: number) {
  const { endpoint } = await loadEndpoint(deps, actor, id);
  if (!endpoint.enabled) throw new Invalid('Enable the endpoint first: nothing is sent to a disabled one.');
  await insertEvent(
    deps.db,
    TEST_EVENT_TYPE,
    { endpointId: id, message: 'A test event sent from the newsroom.' },
    deps.clock(),
    [id],
  );
}

/** Sends one delivery again (same webhook-id, so a receiver that has it can tell); returns its endpoint. */
export async function redeliver(
  deps: WebhookDeps,
  actor: StaffMember,
  endpointId: number,
  deliveryId: number,
) {
  const { endpoint } = await loadEndpoint(deps, actor, endpointId);
  const delivery = await selectDelivery(deps.db, deliveryId);
  if (!delivery || delivery.endpoint_id !== endpointId) throw new NotFound('There is no such delivery.');
  if (!endpoint.enabled) throw new Invalid('Enable the endpoint first: nothing is sent to a disabled one.');
  await requeueDelivery(deps.db, deliveryId, deps.clock().toISOString());
}
