// The content API's OpenAPI 3.1 document, generated from the zod schemas its routes validate with
// (endpoints.ts) by @asteasolutions/zod-to-openapi. Made once per process, on the first request for it.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { ENDPOINTS } from './endpoints.js';
import { errorSchema } from './schemas.js';

export const API_BASE = '/api/v1';

function errorResponse(description: string) {
  return { description, content: { 'application/json': { schema: errorSchema } } };
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function contentApiDocument(siteName: string, baseUrl: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A content API key made by an admin in the newsroom (API keys), as `Authorization: Bearer <key>`.',
  });
  const header = registry.registerComponent('securitySchemes', 'keyHeader', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Broadsheet-Key',
  });
  const query = registry.registerComponent('securitySchemes', 'keyQuery', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
  });
  for (const endpoint of ENDPOINTS) {
    registry.registerPath({
      method: 'get',
      path: endpoint.path,
      summary: endpoint.summary,
      description: endpoint.description,
      security: [{ [bearer.name]: [] }, { [header.name]: [] }, { [query.name]: [] }],
      request: {
        // The key is described as a security scheme, not as a parameter of every endpoint.
        query: endpoint.query.omit({ key: true }),
        ...(endpoint.params ? { params: endpoint.params } : {}),
      },
      responses: {
        200: {
          description: 'OK. `ETag` is sent; a request with `If-None-Match` naming it is answered 304.',
          content: { 'application/json': { schema: endpoint.response } },
        },
        304: { description: 'Not modified since the ETag in If-None-Match.' },
        400: errorResponse('A parameter is not valid: `error.fields` names it (code INVALID).'),
        401: errorResponse('No key, or a key that is not valid or revoked (code UNAUTHORIZED).'),
        ...(endpoint.notFound ? { 404: errorResponse(endpoint.notFound) } : {}),
        429: errorResponse('Over the key’s requests per minute (code TOO_MANY_REQUESTS); see Retry-After.'),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: `${siteName} content API`,
      version: '1.0.0',
      description:
        'Read-only access to what readers see: published articles, sections, tags, authors, corrections, ' +
        'approved comments and the site’s public settings. Every request needs a content API key.',
    },
    servers: [{ url: baseUrl + API_BASE }],
  });
}
