// /healthz (liveness: the process answers) and /readyz (readiness: it can serve pages now, i.e. the database
// answers a reader's query in time), for load balancers and orchestrators. Cheap and never cached; Redis
// being away does not make an instance unready (changes then reach it through the database).
import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  /** Resolves when the instance can serve; rejects (within its own deadline) when it cannot. */
  ready: () => Promise<void>;
}

export function healthRoutes(options: HealthOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/healthz', async (_request, reply) =>
      reply.header('cache-control', 'no-store').type('application/json').send({ status: 'ok' }),
    );
    app.get('/readyz', async (request, reply) => {
      reply.header('cache-control', 'no-store').type('application/json');
      try {
        await options.ready();
        return reply.send({ status: 'ready' });
      } catch (error) {
        request.log.warn({ err: error }, 'not ready');
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable', database: 'not answering' });
      }
    });
  };
}
