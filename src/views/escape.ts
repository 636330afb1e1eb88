// Escaping for text written into markup by hand (feeds, sitemaps, pages joined from parts); JSX escapes its own.

// XML 1.0 allows tab, LF, CR and everything from U+0020 except lone surrogates and U+FFFE/U+FFFF; one stray
// control character from a paste would otherwise make every reader reject the whole document.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/gu;
const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** The same text without the characters XML cannot carry (JSON could, but no reader wants them). */
export function withoutNonXmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

// Most text needs no change: one scan finds out, instead of two replacing scans (50,000 addresses a sitemap).
// Without the u flag it also matches paired surrogates (emoji), which only sends them the longer way.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const NEEDS_ESCAPING = /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text safe for XML and HTML element content and for attribute values in either quote style. */
export function escapeXml(value: string): string {
  if (!NEEDS_ESCAPING.test(value)) return value;
  return withoutNonXmlChars(value).replace(/[&<>"']/g, (c) => XML_ENTITIES[c]!);
}
