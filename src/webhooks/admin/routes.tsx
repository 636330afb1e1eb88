// The newsroom's webhooks screens, for admins only (registered from newsroom.ts): list, add, change, rotate
// the secret, enable again, send a test event, send one delivery again. Every POST is a CSRF-checked form
// (admin/auth/plugin.ts) answered with a redirect and a message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { DomainError } from '../../http/errors.js';
import { idParam } from '../../http/request-params.js';
import { selectAttempts, selectDeliveries } from '../endpoint-queries.js';
import {
  changeEndpoint,
  createEndpoint,
  type EndpointInput,
  enableEndpoint,
  listEndpoints,
  loadEndpoint,
  redeliver,
  rotateSecret,
  sendTestEvent,
} from '../endpoints.js';
import type { WebhookDeps } from '../webhook-deps.js';
import { readEndpointForm } from './endpoint-form.js';
import { EndpointListPage, EndpointPage, NewEndpointPage } from './pages.js';

const adminOnly = { config: { permission: 'admin' as const } };
const LOG_LENGTH = 50;

type IdParams = { Params: { id: string } };

function endpointId(request: FastifyRequest<IdParams>): number {
  return idParam(request.params.id, 'There is no such webhook endpoint.');
}

async function endpointPage(
  deps: WebhookDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  form?: { values: EndpointInput; error: DomainError },
) {
  const { endpoint, secret } = await loadEndpoint(deps, request.staff!, id);
  const [deliveries, attempts] = await Promise.all([
    selectDeliveries(deps.db, id, LOG_LENGTH),
    selectAttempts(deps.db, id, LOG_LENGTH),
  ]);
  return renderAdmin(request, reply, {
    title: 'Webhook endpoint',
    status: form?.error.status,
    body: (
      <EndpointPage
        csrfToken={request.csrfToken}
        endpoint={endpoint}
        secret={secret}
        values={
          form?.values ?? {
            url: endpoint.url,
            description: endpoint.description,
            events: endpoint.events,
            enabled: endpoint.enabled,
          }
        }
        errors={form?.error.fields}
        message={form?.error.message}
        deliveries={deliveries.map((d) => ({ ...d, id: Number(d.id) }))}
        attempts={attempts.map((a) => ({ ...a, id: Number(a.id), delivery_id: Number(a.delivery_id) }))}
      />
    ),
  });
}

/** Runs an action and goes back to the endpoint's page with a message, the error's own when it fails. */
async function acting(reply: FastifyReply, to: string, action: () => Promise<unknown>, done: string) {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500 || error.status === 404) throw error;
    setFlash(reply, { kind: 'error', text: error.message });
    return reply.redirect(to, 303);
  }
  setFlash(reply, { kind: 'ok', text: done });
  return reply.redirect(to, 303);
}

export function webhookAdminRoutes(deps: WebhookDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/webhooks', adminOnly, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Webhooks',
        body: <EndpointListPage endpoints={await listEndpoints(deps, request.staff!)} />,
      }),
    );

    app.get('/admin/webhooks/new', adminOnly, async (request, reply) => {
      await listEndpoints(deps, request.staff!);
      return renderAdmin(request, reply, {
        title: 'Add a webhook endpoint',
        body: (
          <NewEndpointPage
            csrfToken={request.csrfToken}
            values={{ url: '', description: '', events: [], enabled: true }}
          />
        ),
      });
    });

    app.post('/admin/webhooks', adminOnly, async (request, reply) => {
      const values = readEndpointForm(request.body);
      let id: number;
      try {
        id = await createEndpoint(deps, request.staff!, values);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500) throw error;
        return renderAdmin(request, reply, {
          title: 'Add a webhook endpoint',
          status: error.status,
          body: (
            <NewEndpointPage
              csrfToken={request.csrfToken}
              values={values}
              errors={error.fields}
              message={error.message}
            />
          ),
        });
      }
      setFlash(reply, { kind: 'ok', text: 'Endpoint added. Give its signing secret to the receiver.' });
      return reply.redirect(`/admin/webhooks/${id}`, 303);
    });

    app.get<IdParams>('/admin/webhooks/:id', adminOnly, async (request, reply) =>
      endpointPage(deps, request, reply, endpointId(request)),
    );

    app.post<IdParams>('/admin/webhooks/:id', adminOnly, async (request, reply) => {
      const id = endpointId(request);
      const values = readEndpointForm(request.body);
      try {
        await changeEndpoint(deps, request.staff!, id, values);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status >= 500 || error.status === 404) throw error;
        return endpointPage(deps, request, reply, id, { values, error });
      }
      setFlash(reply, { kind: 'ok', text: 'Endpoint saved.' });
      return reply.redirect(`/admin/webhooks/${id}`, 303);
    });

    app.post<IdParams>('/admin/webhooks/:id/rotate-secret', adminOnly, async (request, reply) => {
      const id = endpointId(request);
      return acting(
        reply,
        `/admin/webhooks/${id}`,
        () => rotateSecret(deps, request.staff!, id),
        'A new signing secret is in use: give it to the receiver. The old one still signs for a day.',
      );
    });

    app.post<IdParams>('/admin/webhooks/:id/enable', adminOnly, async (request, reply) => {
      const id = endpointId(request);
      return acting(
        reply,
        `/admin/webhooks/${id}`,
        () => enableEndpoint(deps, request.staff!, id),
        'Endpoint enabled. The deliveries that were waiting are sent within seconds.',
      );
    });

    app.post<IdParams>('/admin/webhooks/:id/test', adminOnly, async (request, reply) => {
      const id = endpointId(request);
      return acting(
        reply,
        `/admin/webhooks/${id}`,
        () => sendTestEvent(deps, request.staff!, id),
        'A test event is queued and sent within seconds; its attempt appears below.',
      );
    });

    app.post<{ Params: { id: string; deliveryId: string } }>(
      '/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
      adminOnly,
      async (request, reply) => {
        const id = endpointId(request);
        const deliveryId = idParam(request.params.deliveryId, 'There is no such delivery.');
        return acting(
          reply,
          `/admin/webhooks/${id}`,
          () => redeliver(deps, request.staff!, id, deliveryId),
          'The delivery is queued again and sent within seconds.',
        );
      },
    );
  };
}
