// Validates XML against the published XSD and RELAX NG schemas with libxml2's xmllint (compiled to
// WebAssembly by xmllint-wasm), and reads values out of XML with XPath for the checks no schema covers.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';

export interface XmlCheck {
  valid: boolean;
  errors: string[];
}

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

function fixture(path: string): XMLFileInfo {
  return { fileName: basename(path), contents: readFileSync(FIXTURES + path, 'utf8') };
}

/** Parse errors come back as an invalid result; only a broken schema or a crashed run rejects. */
async function run(
  xml: string,
  schema: XMLFileInfo,
  extension: 'schema' | 'relaxng',
  preload: XMLFileInfo[] = [],
) {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema,
    extension,
    preload,
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.message) };
}

export function validateWithXsd(xml: string, xsdPath: string, imports: string[] = []): Promise<XmlCheck> {
  return run(xml, fixture(xsdPath), 'schema', imports.map(fixture));
}

export function validateWithRelaxNg(xml: string, rngPath: string): Promise<XmlCheck> {
  return run(xml, fixture(rngPath), 'relaxng');
}

/** RFC 4287's RELAX NG schema. Its Schematron rules (e.g. "every entry has an author") are not checked. */
export function validateAtom(xml: string): Promise<XmlCheck> {
  return validateWithRelaxNg(xml, 'atom/rfc4287-atom.rng');
}

export function validateSitemapIndex(xml: string): Promise<XmlCheck> {
  return validateWithXsd(xml, 'sitemaps/xsd/siteindex.xsd');
}

// sitemap.xsd admits extension elements with processContents="strict", so the image and news elements are
// checked against their own XSDs too. xmllint takes one schema, so this driver only imports the published
// ones; it declares nothing of its own.
const URLSET_DRIVER: XMLFileInfo = {
  fileName: 'urlset-with-extensions.xsd',
  contents: `<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="sitemap.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-image/1.1" schemaLocation="sitemap-image.xsd"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="sitemap-news.xsd"/>
</xsd:schema>
`,
};

/** A <urlset> against sitemaps.org's sitemap.xsd plus Google's image and news extension XSDs. */
export function validateUrlSet(xml: string): Promise<XmlCheck> {
  const imports = ['sitemap.xsd', 'sitemap-image.xsd', 'sitemap-news.xsd'].map((n) =>
    fixture(`sitemaps/xsd/${n}`),
  );
  return run(xml, URLSET_DRIVER, 'schema', imports);
}

// A private-use character cannot occur in what we publish, and XPath refuses control characters.
const SEPARATOR = '\uE000';

/**
 * Evaluates XPath 1.0 expressions (each should yield a string, number or boolean, e.g. `string(/a/b)` or
 * `count(//item)`) in one xmllint run. xmllint cannot bind prefixes, so match namespaced names with
 * local-name() and namespace-uri(). Rejects if the document is not well-formed.
 */
export async function xpathValues(xml: string, expressions: string[]): Promise<string[]> {
  const parts = [...expressions.map((e) => `string(${e})`), `'${SEPARATOR}'`];
  const joined = `concat(${parts.join(`, '${SEPARATOR}', `)})`;
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    normalization: 'format',
    modifyArguments: () => ['--xpath', joined, 'document.xml'],
  });
  if (!result.valid)
    throw new Error(`Not well-formed XML: ${result.errors.map((e) => e.message).join('; ')}`);
  const values = result.normalized.split(SEPARATOR);
  if (values.length !== expressions.length + 2)
    throw new Error(`Unexpected XPath output: ${result.normalized}`);
  return values.slice(0, expressions.length);
}

export async function xpathValue(xml: string, expression: string): Promise<string> {
  return (await xpathValues(xml, [expression]))[0]!;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC822 = new RegExp(
  `^(?:(${DAYS.join('|')}), )?(\\d{1,2}) (${MONTHS.join('|')}) (\\d{2}|\\d{4}) ` +
    '(\\d{2}):(\\d{2})(?::(\\d{2}))? ' +
    '(UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\\d{4})$',
);

/** RFC 822 date-time (section 5, with RFC 1123's four-digit years), and a real day: 31 Feb is refused. */
export function isRfc822(value: string): boolean {
  const m = RFC822.exec(value);
  if (!m) return false;
  const [, day, date, month, year, hour, minute, second] = m;
  const fullYear = year!.length === 2 ? 1900 + Number(year) : Number(year);
  const utc = new Date(
    Date.UTC(fullYear, MONTHS.indexOf(month!), Number(date), Number(hour), Number(minute)),
  );
  if (
    utc.getUTCDate() !== Number(date) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second ?? 0) > 60
  ) {
    return false;
  }
  // The weekday is checked only for GMT/UT, where it cannot have shifted across a zone boundary.
  if (day && /^(UT|GMT|Z)$/.test(value.slice(value.lastIndexOf(' ') + 1)) && DAYS[utc.getUTCDay()] !== day)
    return false;
  return true;
}

const RSS_REQUIRED_CHANNEL = ['title', 'link', 'description'];

/**
 * RSS 2.0 has no official schema, so this checks what the RSS 2.0 specification requires: an <rss
 * version="2.0"> root with one <channel> holding title, link and description; every item with a title or
 * a description; every pubDate and lastBuildDate in RFC 822 form.
 */
export async function checkRss20(xml: string): Promise<XmlCheck> {
  let head: string[];
  try {
    head = await xpathValues(xml, [
      'name(/*)',
      '/rss/@version',
      'count(/rss/channel)',
      'count(/rss/channel/item)',
    ]);
  } catch (e) {
    return { valid: false, errors: [(e as Error).message] };
  }
  const [root, version, channels, items] = head;
  if (root !== 'rss') return { valid: false, errors: [`root is <${root}>, not <rss>`] };
  const errors: string[] = [];
  if (version !== '2.0') errors.push(`rss version is "${version}", not "2.0"`);
  if (channels !== '1') return { valid: false, errors: [...errors, `${channels} channel elements, not 1`] };
  const count = Number(items);
  const dateTests = [
    '/rss/channel/pubDate',
    '/rss/channel/lastBuildDate',
    ...Array.from({ length: count }, (_, i) => `/rss/channel/item[${i + 1}]/pubDate`),
  ];
  const values = await xpathValues(xml, [
    ...RSS_REQUIRED_CHANNEL.map((name) => `count(/rss/channel/${name})`),
    ...Array.from(
      { length: count },
      (_, i) => `count(/rss/channel/item[${i + 1}]/*[self::title or self::description])`,
    ),
    ...dateTests.map((path) => `count(${path})`),
    ...dateTests,
  ]);
  RSS_REQUIRED_CHANNEL.forEach((name, i) => {
    if (values[i] !== '1') errors.push(`channel has ${values[i]} <${name}> elements, not 1`);
  });
  for (let i = 0; i < count; i++) {
    if (values[RSS_REQUIRED_CHANNEL.length + i] === '0')
      errors.push(`item ${i + 1} has neither title nor description`);
  }
  const offset = RSS_REQUIRED_CHANNEL.length + count;
  dateTests.forEach((path, i) => {
    const present = values[offset + i] !== '0';
    const value = values[offset + dateTests.length + i]!;
    if (present && !isRfc822(value.trim())) errors.push(`${path} "${value}" is not an RFC 822 date`);
  });
  return { valid: errors.length === 0, errors };
}
