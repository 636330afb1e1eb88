// Small writers of XML elements for the feeds and sitemaps: every text and attribute escaped.
import { escapeXml } from '../../views/escape.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export type Attrs = Record<string, string | number>;

export const attrs = (list: Attrs) =>
  Object.entries(list)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

export const el = (name: string, text: string, list: Attrs = {}) =>
  `<${name}${attrs(list)}>${escapeXml(text)}</${name}>`;

export const empty = (name: string, list: Attrs) => `<${name}${attrs(list)}/>`;

export const block = (name: string, lines: string[]) =>
  `<${name}>\n${lines.map((l) => `  ${l}`).join('\n')}\n</${name}>`;
