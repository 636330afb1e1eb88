// /healthz (liveness: the process answers) and /readyz (readiness: it can serve pages now), for load
// balancers and orchestrators. /readyz runs every check at once, each within its own deadline, and names
// each one's state in its JSON body, e.g. {"status":"degraded","database":"ok","migrations":"ok",
// "media":"ok","redis":"unreachable"}. A failing required check answers 503; one that is not required
// (Redis: changes then reach the instance through the database, rate limits count there) answers 200 with
// "degraded", so that a shared Redis going down does not take every instance out of the load balancer.
// Cheap and never cached.
import type { FastifyInstance } from 'fastify';

export interface HealthCheck {
  name: string;
  /** Resolves with the state to report ('ok' unless it resolves with a note that is not a failure); rejects when it fails. */
  run: () => Promise<unknown>;
  /** What is reported when `run` rejects, unless the error names its own state (`state`). */
  failed: string;
  /** Whether failing makes the instance unready (503). */
  required: boolean;
}

export interface HealthOptions {
  checks: HealthCheck[];
}

export function healthRoutes(options: HealthOptions) {
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/healthz', async (_request, reply) =>
      reply.header('cache-control', 'no-store').type('application/json').send({ status: 'ok' }),
    );
    app.get('/readyz', async (request, reply) => {
      reply.header('cache-control', 'no-store').type('application/json');
      const outcomes = await Promise.all(
        options.checks.map((check) =>
          check.run().then(
            (state) => ({ check, passed: true, state: typeof state === 'string' ? state : 'ok' }),
            (error: unknown) => {
              request.log.warn({ err: error }, `not ready: ${check.name}`);
              const own = (error as { state?: unknown } | null)?.state;
              return { check, passed: false, state: typeof own === 'string' ? own : check.failed };
            },
          ),
        ),
      );
      const states = Object.fromEntries(outcomes.map((o) => [o.check.name, o.state]));
      if (outcomes.some((o) => !o.passed && o.check.required)) {
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({ status: 'unavailable', ...states });
      }
      const status = outcomes.every((o) => o.passed) ? 'ready' : 'degraded';
      return reply.send({ status, ...states });
    });
  };
}
