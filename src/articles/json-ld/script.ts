// JSON-LD written into a page: a data block inside <script>, escaped so that no text in it can end the element.

const SCRIPT_UNSAFE: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for the inside of a <script> element. The HTML parser ends the script at the first `</script`
 * whatever the JSON means, and `<!--` changes how it scans, so every `<`, `>` and `&` is written as a JSON
 * escape; U+2028/2029 are escaped for the older JavaScript parsers that treat them as line ends.
 */
export function jsonLdScriptContent(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_UNSAFE[c]!);
}
