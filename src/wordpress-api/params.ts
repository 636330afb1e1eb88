// Query parameters read the way WordPress reads them: `a=1,2`, `a[]=1&a[]=2` and `a=1&a=2` are the same list;
// every bad parameter is collected and refused at once, as rest_invalid_param with WordPress's messages.

import { parseWpDate } from './wp-dates.js';
import { invalidParams, WpError } from './wp-error.js';

export type RawQuery = Record<string, string | string[] | undefined>;

/** "a, b and c", as WordPress lists the values a parameter may take. */
function listed(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
}

const INTEGER = /^-?\d+$/;
const MAX_LIST = 100;

export class WpParams {
  private readonly errors: Record<string, string> = {};

  constructor(private readonly raw: RawQuery) {}

  private values(name: string): string[] | undefined {
    const given = this.raw[name] ?? this.raw[`${name}[]`];
    if (given === undefined) return undefined;
    return (Array.isArray(given) ? given : [given]).flatMap((v) => v.split(',')).map((v) => v.trim());
  }

  private single(name: string): string | undefined {
    const given = this.raw[name];
    return Array.isArray(given) ? given.at(-1) : given;
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined || this.raw[`${name}[]`] !== undefined;
  }

  integer(name: string, fallback: number, bounds: { min: number; max?: number }): number {
    const text = this.single(name);
    if (text === undefined || text === '') return fallback;
    if (!INTEGER.test(text)) {
      this.errors[name] = `${name} is not of type integer.`;
      return fallback;
    }
    const value = Number(text);
    if (!Number.isSafeInteger(value)) {
      this.errors[name] = `${name} is not of type integer.`;
      return fallback;
    }
    if (bounds.max !== undefined && (value < bounds.min || value > bounds.max)) {
      this.errors[name] = `${name} must be between ${bounds.min} (inclusive) and ${bounds.max} (inclusive)`;
      return fallback;
    }
    if (value < bounds.min) {
      this.errors[name] = `${name} must be greater than or equal to ${bounds.min}`;
      return fallback;
    }
    return value;
  }

  integerList(name: string): number[] | undefined {
    const values = this.values(name);
    if (values === undefined || this.tooMany(name, values)) return undefined;
    const out: number[] = [];
    for (const [i, v] of values.entries()) {
      if (v === '') continue;
      if (!INTEGER.test(v) || Number(v) < 0 || !Number.isSafeInteger(Number(v))) {
        this.errors[name] = `${name}[${i}] is not of type integer.`;
        return undefined;
      }
      out.push(Number(v));
    }
    return out;
  }

  stringList(name: string): string[] | undefined {
    const values = this.values(name)?.filter((v) => v !== '');
    if (values === undefined || values.length === 0 || this.tooMany(name, values)) return undefined;
    return values;
  }

  // A list is a query's IN (…): bounded, as a page is, so one request cannot ask for the whole table by id.
  private tooMany(name: string, values: readonly string[]): boolean {
    if (values.length <= MAX_LIST) return false;
    this.errors[name] = `${name} must contain at most ${MAX_LIST} items.`;
    return true;
  }

  text(name: string): string | undefined {
    const value = this.single(name)?.trim();
    return value ? value : undefined;
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.single(name);
    if (value === undefined) return fallback;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.errors[name] = `${name} is not one of ${listed(choices)}.`;
    return fallback;
  }

  boolean(name: string): boolean | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    if (['1', 'true'].includes(value)) return true;
    if (['0', 'false', ''].includes(value)) return false;
    this.errors[name] = `${name} is not of type boolean.`;
    return undefined;
  }

  date(name: string, timeZone: string): string | undefined {
    const value = this.single(name);
    if (value === undefined) return undefined;
    const iso = parseWpDate(value, timeZone);
    if (iso === null) this.errors[name] = 'Invalid date.';
    return iso ?? undefined;
  }

  /** Refused now for something WordPress refuses before it validates the rest. */
  refuse(name: string, message: string): void {
    this.errors[name] = message;
  }

  /** Throws the collected errors, if any. */
  check(): void {
    if (Object.keys(this.errors).length > 0) throw invalidParams(this.errors);
  }
}

/** What every collection takes: its page, the view of it, and what to embed or keep of each item. */
export interface CollectionParams {
  page: number;
  perPage: number;
  offset: number | undefined;
  search: string | undefined;
  include: number[] | undefined;
  exclude: number[] | undefined;
  order: 'asc' | 'desc';
}

/** `context`: view and embed are what anyone reads; edit is the newsroom's, refused as WordPress refuses it. */
function readContext(params: WpParams): void {
  const context = params.oneOf('context', ['view', 'embed', 'edit'] as const, 'view');
  if (context === 'edit')
    throw new WpError(
      'rest_forbidden_context',
      401,
      'Sorry, you are not allowed to edit items of this type.',
    );
}

/** What a single item takes besides `_fields` and `_embed`: its context. */
export function checkItemParams(query: RawQuery): void {
  const params = new WpParams({ context: query.context });
  readContext(params);
  params.check();
}

export function collectionParams(params: WpParams, defaultOrder: 'asc' | 'desc'): CollectionParams {
  readContext(params);
  return {
    page: params.integer('page', 1, { min: 1 }),
    perPage: params.integer('per_page', 10, { min: 1, max: 100 }),
    offset: params.has('offset') ? params.integer('offset', 0, { min: 0 }) : undefined,
    search: params.text('search'),
    include: params.integerList('include'),
    exclude: params.integerList('exclude'),
    order: params.oneOf('order', ['asc', 'desc'] as const, defaultOrder),
  };
}

/** The rows to skip: an explicit offset wins over the page, as in WordPress. */
export function skipOf(c: CollectionParams): number {
  return c.offset ?? (c.page - 1) * c.perPage;
}

/** Words of a search, each of which must match (WordPress splits the same way), LIKE's wildcards escaped. */
export function searchPatterns(search: string | undefined): string[] {
  if (!search) return [];
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
