// The two ways WXR carries text: escaped character data for short values, and CDATA sections (as WordPress's
// wxr_cdata writes them) for titles, bodies and names. Characters XML 1.0 forbids are dropped first, since one
// control character in a body would make the whole file unreadable to an XML parser.
// biome-ignore lint/suspicious/noControlCharactersInRegex: naming the control characters XML allows is the point.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A CDATA section; a `]]>` inside is split across two sections, as WordPress does, so it survives whole. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** An element holding `value` as CDATA. */
export function cdataElement(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

/** An element holding `value` as escaped text. */
export function textElement(name: string, value: string | number): string {
  return `<${name}>${xmlText(String(value))}</${name}>`;
}
