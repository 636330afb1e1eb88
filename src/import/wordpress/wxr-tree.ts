// One element of a WXR file, kept whole only for the span of one item or channel entry: the reader builds
// these while it streams and forgets each once it is turned into records. Names carry a fixed prefix chosen
// by namespace URI (a file may bind `wp:` or any other prefix to WordPress's namespace), so `wp:post_id`
// means WordPress's element whatever the file called it.

export interface WxrNode {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: WxrNode[];
}

const WORDPRESS_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/excerpt\/$/;
const FIXED_PREFIXES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://wellformedweb.org/CommentAPI/': 'wfw',
};

/** The name the mapping code uses for an element: `prefix:local` by namespace, or `{uri}local` for others. */
export function canonicalName(uri: string, local: string): string {
  if (uri === '') return local;
  if (WORDPRESS_NAMESPACE.test(uri)) return `wp:${local}`;
  if (EXCERPT_NAMESPACE.test(uri)) return `excerpt:${local}`;
  const prefix = FIXED_PREFIXES[uri];
  return prefix === undefined ? `{${uri}}${local}` : `${prefix}:${local}`;
}

/**
 * Namespaces an export forgot to declare (hand-edited or truncated headers): the usual prefixes still mean
 * what WordPress means by them, rather than failing the whole file.
 */
export function fallbackNamespace(prefix: string): string | undefined {
  switch (prefix) {
    case 'wp':
      return 'http://wordpress.org/export/1.2/';
    case 'excerpt':
      return 'http://wordpress.org/export/1.2/excerpt/';
    case 'content':
      return 'http://purl.org/rss/1.0/modules/content/';
    case 'dc':
      return 'http://purl.org/dc/elements/1.1/';
    case 'wfw':
      return 'http://wellformedweb.org/CommentAPI/';
    default:
      return undefined;
  }
}

export function child(node: WxrNode, name: string): WxrNode | undefined {
  return node.children.find((c) => c.name === name);
}

export function children(node: WxrNode, name: string): WxrNode[] {
  return node.children.filter((c) => c.name === name);
}

/** The text of a child element, trimmed; '' when absent. */
export function text(node: WxrNode, name: string): string {
  return child(node, name)?.text.trim() ?? '';
}

/** The text of a child element exactly as the file gives it (bodies, where whitespace is meaning). */
export function rawText(node: WxrNode, name: string): string {
  return child(node, name)?.text ?? '';
}
