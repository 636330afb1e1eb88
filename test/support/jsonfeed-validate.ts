// Validates JSON Feed documents against SchemaStore's JSON Feed 1.1 schema with ajv, plus what a news
// feed needs that the schema leaves optional: version 1.1, a url and a date on every item, RFC 3339 dates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type AnySchemaObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';

export interface JsonCheck {
  valid: boolean;
  errors: string[];
}

const SCHEMAS = fileURLToPath(new URL('../fixtures/jsonfeed/schema/', import.meta.url));

function schema(name: string): AnySchemaObject {
  return JSON.parse(readFileSync(SCHEMAS + name, 'utf8')) as AnySchemaObject;
}

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or the module object.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // The schemas are draft-04, which names a schema with "id"; ajv 8 reads that with schemaId: 'id' once
  // its own "id" keyword (which only says "use $id") is replaced by a plain annotation. Every other
  // keyword they use means the same in draft-04 as in ajv's default draft. The files are not changed.
  const ajv = new Ajv({ schemaId: 'id', validateSchema: false, allErrors: true, strictTypes: false });
  ajv.removeKeyword('id');
  ajv.addKeyword({ keyword: 'id', schemaType: 'string' });
  addFormats(ajv);
  ajv.addSchema(schema('feed-1.json'));
  compiled = ajv.compile(schema('feed.json'));
  return compiled;
}

/** The document against SchemaStore's feed.json (JSON Feed 1.1, which refers to feed-1.json for 1.0). */
export function validateJsonFeed(doc: unknown): JsonCheck {
  const validate = validator();
  const valid = validate(doc);
  return {
    valid,
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`),
  };
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 section 5.6 date-time with a real calendar date and time (leap second allowed). */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s, , , oh, om] = m.map(Number);
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > daysInMonth) return false;
  if (h! > 23 || mi! > 59 || s! > 60) return false;
  return oh === undefined || Number.isNaN(oh) || (oh <= 23 && om! <= 59);
}

interface FeedItemLike {
  id?: unknown;
  url?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
}

/** Schema validity plus what a reader of a news feed relies on. */
export function checkNewsJsonFeed(doc: unknown): JsonCheck {
  const { errors } = validateJsonFeed(doc);
  const feed = doc as { version?: unknown; items?: FeedItemLike[] };
  if (feed?.version !== 'https://jsonfeed.org/version/1.1')
    errors.push(`version is ${String(feed?.version)}, not 1.1`);
  (Array.isArray(feed?.items) ? feed.items : []).forEach((item, i) => {
    if (typeof item.date_published !== 'string') errors.push(`/items/${i} has no date_published`);
    for (const key of ['date_published', 'date_modified'] as const) {
      const value = item[key];
      if (value !== undefined && !(typeof value === 'string' && isRfc3339(value))) {
        errors.push(`/items/${i}/${key} "${String(value)}" is not RFC 3339`);
      }
    }
    if (typeof item.url !== 'string') errors.push(`/items/${i} has no url`);
  });
  return { valid: errors.length === 0, errors };
}
