// The routes an app really registers, read as Fastify registers them: tests that walk every route (the
// permission matrix, the CSRF probes) find a new route without anyone adding it to a list.
import { channel } from 'node:diagnostics_channel';
import type { FastifyInstance, RouteOptions } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
  config: { permission?: string; csrf?: boolean };
}

/**
 * Runs `build` and returns, with what it built, every route registered meanwhile (HEAD routes Fastify adds
 * for GET ones left out). Fastify announces each new instance on its `fastify.initialization` channel before
 * anything is registered on it, so the onRoute hook added there sees every route, in every context.
 */
export async function recordingRoutes<T>(
  build: () => Promise<T>,
): Promise<{ built: T; routes: RegisteredRoute[] }> {
  const routes: RegisteredRoute[] = [];
  const initialization = channel('fastify.initialization');
  const watch = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD') continue;
        routes.push({ method, url: route.url, config: (route.config ?? {}) as RegisteredRoute['config'] });
      }
    });
  };
  initialization.subscribe(watch);
  try {
    return { built: await build(), routes };
  } finally {
    initialization.unsubscribe(watch);
  }
}
