// Content negotiation: whether a request wants JSON (the API, the editor's and the form islands' fetches)
// or an HTML page. One rule for every route, so an error and a success answer a client in the same form.
import type { FastifyRequest } from 'fastify';

export function wantsJson(request: Pick<FastifyRequest, 'url' | 'headers'>): boolean {
  return request.url.startsWith('/api/') || /\bapplication\/json\b/.test(request.headers.accept ?? '');
}
