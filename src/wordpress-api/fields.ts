// `_fields` and `_embed` as WordPress applies them: `_fields=id,title.rendered` keeps those paths of each item
// (a parent keeps all beneath it); `_links` and `_embedded` stay only when named. `_embed` embeds every
// embeddable link, or only the relations it names (`_embed=author,wp:term`).
import type { RawQuery } from './params.js';

type Json = Record<string, unknown>;

function listOf(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The paths `_fields` asks for, or null for the whole item. */
export function requestedFields(query: RawQuery): string[] | null {
  const given = query._fields ?? query['_fields[]'];
  if (given === undefined) return null;
  const fields = listOf(given);
  return fields.length > 0 ? fields : null;
}

export function keepFields(item: Json, fields: readonly string[] | null): Json {
  if (fields === null) return item;
  const out: Json = {};
  for (const path of fields) copyPath(item, out, path.split('.'));
  return out;
}

function copyPath(from: Json, to: Json, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(from, head)) return;
  const value = from[head];
  if (rest.length === 0) {
    to[head] = value;
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  const existing = to[head];
  const target = existing && typeof existing === 'object' ? (existing as Json) : {};
  to[head] = target;
  copyPath(value as Json, target, rest);
}

/** The relations to embed: null for none, 'all' for every embeddable link, else those named. */
export function requestedEmbeds(
  query: RawQuery,
  fields: readonly string[] | null,
): 'all' | Set<string> | null {
  const given = query._embed ?? query['_embed[]'];
  if (given === undefined) return null;
  // WordPress embeds nothing when `_fields` leaves `_embedded` out.
  if (fields !== null && !fields.some((f) => f === '_embedded' || f.startsWith('_embedded.'))) return null;
  const names = listOf(given).filter((n) => !['1', 'true'].includes(n));
  return names.length === 0 ? 'all' : new Set(names);
}

export function wantsEmbed(embeds: 'all' | Set<string> | null, rel: string): boolean {
  return embeds === 'all' || embeds?.has(rel) === true;
}
