// Checks JSON-LD against the schema.org vocabulary (test/fixtures/schemaorg) and a news article against the
// fields Google reads, so tests can prove our markup is valid and that the checks catch real mistakes.
import { readFileSync } from 'node:fs';

const VOCABULARY_FILE = new URL('../fixtures/schemaorg/schemaorg-current-https.jsonld', import.meta.url);

/** The roots of schema.org's data types; their subclasses (URL, Integer, Distance…) are data types too. */
const DATA_TYPE_ROOTS = new Set([
  'DataType',
  'Text',
  'Number',
  'Boolean',
  'Date',
  'DateTime',
  'Time',
  'Quantity',
]);
/** Publication times: a date alone, or a time without a zone, leaves readers and crawlers guessing. */
const TIMESTAMP_PROPERTIES = new Set(['datePublished', 'dateModified', 'dateCreated']);
const KEYWORDS = new Set([
  '@context',
  '@type',
  '@id',
  '@graph',
  '@language',
  '@value',
  '@list',
  '@reverse',
  '@index',
]);

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const SCHEMA_CONTEXT = /^https?:\/\/schema\.org\/?$/;

interface ClassTerm {
  parents: string[];
  supersededBy?: string;
}
interface PropertyTerm {
  domain: string[];
  range: string[];
  supersededBy?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

function ids(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => localName(typeof v === 'string' ? v : String((v as { '@id': string })['@id'])));
}

/** `schema:Person`, `https://schema.org/Person` and `Person` all name the same term. */
function localName(term: string): string {
  return term.replace(/^(schema:|https?:\/\/schema\.org\/)/, '');
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class Vocabulary {
  readonly classes = new Map<string, ClassTerm>();
  readonly properties = new Map<string, PropertyTerm>();
  private readonly ancestorCache = new Map<string, Set<string>>();

  constructor(graph: JsonObject[]) {
    for (const node of graph) {
      const id = localName(String(node['@id']));
      const types = ids(node['@type']);
      const supersededBy = node['schema:supersededBy'] ? ids(node['schema:supersededBy'])[0] : undefined;
      if (types.includes('rdfs:Class')) {
        this.classes.set(id, { parents: ids(node['rdfs:subClassOf']), supersededBy });
      } else if (types.includes('rdf:Property')) {
        this.properties.set(id, {
          domain: ids(node['schema:domainIncludes']),
          range: ids(node['schema:rangeIncludes']),
          supersededBy,
        });
      }
    }
  }

  /** The class and every class it inherits from, following rdfs:subClassOf transitively. */
  ancestors(cls: string): Set<string> {
    const cached = this.ancestorCache.get(cls);
    if (cached) return cached;
    const found = new Set<string>([cls]);
    const queue = [cls];
    while (queue.length > 0) {
      for (const parent of this.classes.get(queue.shift()!)?.parents ?? []) {
        if (!found.has(parent)) {
          found.add(parent);
          queue.push(parent);
        }
      }
    }
    this.ancestorCache.set(cls, found);
    return found;
  }

  isSubClassOf(cls: string, of: string): boolean {
    return this.ancestors(cls).has(of);
  }

  isDataType(cls: string): boolean {
    return [...this.ancestors(cls)].some((c) => DATA_TYPE_ROOTS.has(c));
  }
}

let loaded: Vocabulary | null = null;
export function vocabulary(): Vocabulary {
  loaded ??= new Vocabulary(
    (JSON.parse(readFileSync(VOCABULARY_FILE, 'utf8')) as { '@graph': JsonObject[] })['@graph'],
  );
  return loaded;
}

function typesOf(node: JsonObject): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((t) => localName(String(t)));
}

function isValidTime(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** Checks a literal (string, number, boolean) against the data types a property accepts. */
function literalIssue(
  property: string,
  dataTypes: string[],
  value: string | number | boolean,
): string | null {
  if (dataTypes.length === 0) return null;
  const accepts = (t: string) => dataTypes.includes(t);
  if (TIMESTAMP_PROPERTIES.has(property)) {
    return typeof value === 'string' && DATE_TIME.test(value) && isValidTime(value)
      ? null
      : `${JSON.stringify(value)} is not an ISO 8601 date-time with a time zone`;
  }
  // Text (or a subtype other than URL) accepts any string, so there is nothing more to check.
  const textual = dataTypes.some((t) => t !== 'URL' && vocabulary().isSubClassOf(t, 'Text'));
  if (textual) return null;
  if (typeof value === 'string' && (accepts('Date') || accepts('DateTime'))) {
    const ok = (accepts('Date') && DATE.test(value)) || (accepts('DateTime') && DATE_TIME.test(value));
    return ok && isValidTime(value)
      ? null
      : `${JSON.stringify(value)} is not an ISO 8601 date or date-time with a zone`;
  }
  if (dataTypes.every((t) => t === 'URL')) {
    return typeof value === 'string' && isAbsoluteUrl(value)
      ? null
      : `${JSON.stringify(value)} is not an absolute URL`;
  }
  if (dataTypes.every((t) => t === 'Boolean')) {
    return typeof value === 'boolean' || /^(https?:\/\/schema\.org\/)?(True|False)$/i.test(String(value))
      ? null
      : `${JSON.stringify(value)} is not a Boolean`;
  }
  if (dataTypes.every((t) => vocabulary().isSubClassOf(t, 'Number'))) {
    const n = typeof value === 'number' ? value : Number(value);
    if (Number.isNaN(n) || value === '') return `${JSON.stringify(value)} is not a number`;
    if (dataTypes.every((t) => t === 'Integer') && !Number.isInteger(n)) return `${value} is not an integer`;
  }
  return null;
}

function validateValue(value: Json, property: string, path: string, issues: string[]): void {
  const vocab = vocabulary();
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      validateValue(v, property, `${path}[${i}]`, issues);
    });
    return;
  }
  if (value === null) return;
  const range = vocab.properties.get(property)?.range ?? [];
  const dataTypes = range.filter((t) => vocab.isDataType(t));
  const classes = range.filter((t) => !vocab.isDataType(t));
  if (!isObject(value)) {
    const issue = literalIssue(property, dataTypes, value);
    if (issue) issues.push(`${path}: ${issue}`);
    return;
  }
  if ('@value' in value) {
    const literal = value['@value'];
    const issue =
      literal === null || isObject(literal) || Array.isArray(literal)
        ? null
        : literalIssue(property, dataTypes, literal);
    if (issue) issues.push(`${path}: ${issue}`);
    return;
  }
  // A bare {"@id": …} refers to a node described elsewhere; it has no properties of its own to check.
  if (Object.keys(value).every((k) => k === '@id')) return;
  if (classes.length === 0) {
    issues.push(`${path}: \`${property}\` takes ${range.join(' or ')}, not a node`);
    return;
  }
  validateNode(value, path, issues, { property, classes });
}

function validateNode(
  node: JsonObject,
  path: string,
  issues: string[],
  expected?: { property: string; classes: string[] },
): void {
  const vocab = vocabulary();
  const types = typesOf(node);
  if (types.length === 0) {
    issues.push(`${path}: node has no @type`);
    return;
  }
  const ancestors = new Set<string>();
  for (const type of types) {
    const cls = vocab.classes.get(type);
    if (!cls) {
      issues.push(`${path}: @type ${type} is not a schema.org class`);
      continue;
    }
    if (cls.supersededBy) issues.push(`${path}: @type ${type} is superseded by ${cls.supersededBy}`);
    for (const a of vocab.ancestors(type)) ancestors.add(a);
  }
  if (expected && ancestors.size > 0 && !expected.classes.some((c) => ancestors.has(c))) {
    issues.push(
      `${path}: \`${expected.property}\` takes ${expected.classes.join(' or ')}, not ${types.join(', ')}`,
    );
  }
  for (const [key, value] of Object.entries(node)) {
    const at = `${path}.${key}`;
    if (key.startsWith('@')) {
      if (!KEYWORDS.has(key)) issues.push(`${at}: unknown JSON-LD keyword`);
      continue;
    }
    const property = localName(key);
    const term = vocab.properties.get(property);
    if (!term) {
      issues.push(`${at}: ${property} is not a schema.org property`);
      continue;
    }
    if (term.supersededBy) issues.push(`${at}: ${property} is superseded by ${term.supersededBy}`);
    if (ancestors.size > 0 && term.domain.length > 0 && !term.domain.some((d) => ancestors.has(d))) {
      issues.push(
        `${at}: ${property} does not apply to ${types.join(', ')} (it applies to ${term.domain.join(', ')})`,
      );
    }
    validateValue(value, property, at, issues);
  }
  const published = node.datePublished;
  const modified = node.dateModified;
  if (typeof published === 'string' && typeof modified === 'string') {
    const p = Date.parse(published);
    const m = Date.parse(modified);
    if (!Number.isNaN(p) && !Number.isNaN(m) && m < p) {
      issues.push(`${path}: dateModified ${modified} is before datePublished ${published}`);
    }
  }
}

function contextIssue(context: Json | undefined): string | null {
  if (typeof context === 'string' && SCHEMA_CONTEXT.test(context)) return null;
  if (isObject(context) && typeof context['@vocab'] === 'string' && SCHEMA_CONTEXT.test(context['@vocab']))
    return null;
  return `@context ${JSON.stringify(context)} is not schema.org`;
}

/**
 * Every problem with a JSON-LD document, as `path: message`; an empty list means it is valid. Checks that
 * each @type is a schema.org class, each property exists and applies to its node's type or a superclass,
 * each nested node has a type the property accepts, literals fit their data type (URLs absolute, times
 * ISO 8601 with a zone) and no node was modified before it was published.
 */
export function validateJsonLd(document: unknown): string[] {
  const issues: string[] = [];
  const roots = Array.isArray(document) ? document : [document];
  roots.forEach((root, i) => {
    const path = Array.isArray(document) ? `$[${i}]` : '$';
    if (!isObject(root)) {
      issues.push(`${path}: not a JSON-LD object`);
      return;
    }
    const context = contextIssue(root['@context']);
    if (context) issues.push(`${path}: ${context}`);
    const graph = root['@graph'];
    if (Array.isArray(graph)) {
      graph.forEach((node, j) => {
        if (isObject(node)) validateNode(node, `${path}.@graph[${j}]`, issues);
        else issues.push(`${path}.@graph[${j}]: not a node`);
      });
    } else {
      validateNode(root, path, issues);
    }
  });
  return issues;
}

export interface JsonLdBlock {
  text: string;
  value?: unknown;
  error?: string;
}

/** The contents of each `<script type="application/ld+json">` in a page, parsed where it is JSON. */
export function extractJsonLd(html: string): JsonLdBlock[] {
  const blocks: JsonLdBlock[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (!/\btype\s*=\s*["']?application\/ld\+json["']?/i.test(match[1]!)) continue;
    const text = match[2]!;
    try {
      blocks.push({ text, value: JSON.parse(text) });
    } catch (error) {
      blocks.push({ text, error: (error as Error).message });
    }
  }
  return blocks;
}

/** Every node in a document whose type is `cls` or one of its subclasses. */
export function nodesOfType(document: unknown, cls: string): JsonObject[] {
  const found: JsonObject[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) {
      value.forEach(walk);
    } else if (isObject(value)) {
      if (typesOf(value).some((t) => vocabulary().classes.has(t) && vocabulary().isSubClassOf(t, cls))) {
        found.push(value);
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(document);
  return found;
}

function asList(value: Json | undefined): Json[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

function pixels(value: Json | undefined): number | null {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  return Number.isNaN(n) ? null : n;
}

function named(value: Json, classes: string[]): boolean {
  if (!isObject(value) || typeof value.name !== 'string' || value.name.trim() === '') return false;
  return typesOf(value).some(
    (t) => vocabulary().classes.has(t) && classes.some((c) => vocabulary().isSubClassOf(t, c)),
  );
}

/**
 * What Google needs from a news article to show it well (Search, Top stories, Discover, News): errors for
 * what this project treats as required — headline, image, datePublished, a named Person or Organization as
 * author and as publisher — and warnings for the recommended rest.
 */
export function checkNewsArticleCompleteness(node: JsonObject): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const headline = node.headline;
  if (typeof headline !== 'string' || headline.trim() === '') errors.push('headline is missing');
  else if (Array.from(headline).length > 110) warnings.push('headline is longer than 110 characters');

  const images = asList(node.image);
  if (images.length === 0) errors.push('image is missing');
  for (const [i, image] of images.entries()) {
    const url = typeof image === 'string' ? image : isObject(image) ? image.url : undefined;
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) errors.push(`image[${i}] has no absolute URL`);
  }
  const widths = images
    .map((i) => (isObject(i) ? pixels(i.width) : null))
    .filter((w): w is number => w !== null);
  if (widths.length > 0 && Math.max(...widths) < 1200) warnings.push('no image is at least 1200 pixels wide');

  if (node.datePublished === undefined) errors.push('datePublished is missing');
  if (node.dateModified === undefined) warnings.push('dateModified is missing');

  const authors = asList(node.author);
  if (authors.length === 0) errors.push('author is missing');
  for (const [i, author] of authors.entries()) {
    if (!named(author, ['Person', 'Organization']))
      errors.push(`author[${i}] is not a named Person or Organization`);
    else if (isObject(author) && author.url === undefined && author['@id'] === undefined) {
      warnings.push(`author[${i}] has no url`);
    }
  }
  const publishers = asList(node.publisher);
  if (publishers.length === 0) errors.push('publisher is missing');
  else if (!publishers.every((p) => named(p, ['Organization', 'Person']))) {
    errors.push('publisher is not a named Organization');
  }
  return { errors, warnings };
}
