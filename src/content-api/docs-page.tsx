// The content API's reference as a plain page, rendered on the server from the OpenAPI document: every
// endpoint with its parameters and answers, then every schema's fields. No script and no outside stylesheet,
// so it keeps the site's strict CSP; its few styles are served beside it (docs-style.ts).
import type { ComponentChildren } from 'preact';
import { renderDocument } from '../views/layout.js';
import type { OpenApiDocument } from './openapi.js';

type Json = Record<string, unknown>;

function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Json;
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop()!;
  if (Array.isArray(s.anyOf)) return s.anyOf.map(typeOf).join(' or ');
  if (Array.isArray(s.oneOf)) return s.oneOf.map(typeOf).join(' or ');
  const type = Array.isArray(s.type) ? s.type.join(' or ') : String(s.type ?? 'any');
  if (s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array')))
    return `${type} of ${typeOf(s.items)}`;
  if (Array.isArray(s.enum)) return `${type}: ${s.enum.join(' | ')}`;
  if (s.const !== undefined) return `"${String(s.const)}"`;
  return typeof s.format === 'string' ? `${type} (${s.format})` : type;
}

function Paragraphs(props: { text: unknown }) {
  return typeof props.text === 'string' ? <p>{props.text}</p> : null;
}

function Properties(props: { schema: Json }) {
  const properties = (props.schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((props.schema.required ?? []) as string[]);
  const names = Object.keys(properties);
  if (names.length === 0) return <p>{typeOf(props.schema)}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Field</th>
          <th>Type</th>
          <th>Description</th>
        </tr>
      </thead>
      <tbody>
        {names.map((name) => (
          <tr>
            <td>
              <code>{name}</code>
              {required.has(name) ? '' : ' (optional)'}
            </td>
            <td>{typeOf(properties[name])}</td>
            <td>{String(properties[name]?.description ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Section(props: { id: string; title: ComponentChildren; children: ComponentChildren }) {
  return (
    <section id={props.id}>
      <h3>{props.title}</h3>
      {props.children}
    </section>
  );
}

export function renderDocsPage(doc: OpenApiDocument, paths: { css: string; document: string }): string {
  const endpoints = Object.entries(doc.paths ?? {}) as Array<[string, Json]>;
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>);
  const server = doc.servers?.[0]?.url ?? '';
  return renderDocument(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{doc.info.title}</title>
        <link rel="stylesheet" href={paths.css} />
      </head>
      <body>
        <h1>{doc.info.title}</h1>
        <Paragraphs text={doc.info.description} />
        <p>
          Base address: <code>{server}</code>. The machine-readable document:{' '}
          <a href={paths.document}>openapi.json</a> (OpenAPI {doc.openapi}).
        </p>
        <h2>Keys</h2>
        <p>
          Every request carries a content API key, made by an admin in the newsroom: as{' '}
          <code>Authorization: Bearer &lt;key&gt;</code>, as the <code>X-Broadsheet-Key</code> header, or as
          the <code>key</code> query parameter. Each key has its own limit of requests per minute (answered
          429 with <code>Retry-After</code> past it) and the origins whose pages may read the answers in a
          browser (CORS).
        </p>
        <p>
          Errors always have the shape <code>{'{"error":{"code","message","fields"}}'}</code>;{' '}
          <code>fields</code> names each wrong parameter.
        </p>
        <nav aria-label="Endpoints">
          <ul>
            {endpoints.map(([path]) => (
              <li>
                <a href={`#${anchor(path)}`}>
                  <code>GET {path}</code>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <h2>Endpoints</h2>
        {endpoints.map(([path, item]) => {
          const op = item.get as Json;
          const parameters = (op.parameters ?? []) as Json[];
          const responses = Object.entries((op.responses ?? {}) as Record<string, Json>);
          return (
            <Section
              id={anchor(path)}
              title={
                <>
                  <span class="method">GET</span>
                  <code>{path}</code>
                </>
              }
            >
              <p>
                <strong>{String(op.summary ?? '')}</strong>
              </p>
              <Paragraphs text={op.description} />
              {parameters.length > 0 && (
                <table>
                  <thead>
                    <tr>
                      <th>Parameter</th>
                      <th>In</th>
                      <th>Type</th>
                      <th>Description</th>
                    </tr>
                  </thead>
                  <tbody>
                    {parameters.map((p) => (
                      <tr>
                        <td>
                          <code>{String(p.name)}</code>
                          {p.required ? ' (required)' : ''}
                        </td>
                        <td>{String(p.in)}</td>
                        <td>{typeOf(p.schema)}</td>
                        <td>{String(p.description ?? (p.schema as Json | undefined)?.description ?? '')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <ul>
                {responses.map(([status, response]) => {
                  const schema = (response.content as Json | undefined)?.['application/json'] as
                    | Json
                    | undefined;
                  return (
                    <li>
                      <code>{status}</code> {String(response.description ?? '')}
                      {schema ? ` → ${typeOf(schema.schema)}` : ''}
                    </li>
                  );
                })}
              </ul>
            </Section>
          );
        })}
        <h2>Schemas</h2>
        {schemas.map(([name, schema]) => (
          <Section id={`schema-${name}`} title={name}>
            <Paragraphs text={schema.description} />
            <Properties schema={schema} />
          </Section>
        ))}
      </body>
    </html>,
  );
}

function anchor(path: string): string {
  return `get-${path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`;
}
