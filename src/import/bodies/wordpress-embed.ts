// Where WordPress's embed figure (`<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">URL`)
// keeps the address it embeds: the block editor and the [embed] shortcode both save it this way.
import { type ChildNode, type Element, isTag, isText } from 'domhandler';
import { embedPageAddress, hasClass } from './html-media.js';

/** The address of a WordPress embed figure: the text of its wrapper, or the player frame in it. */
export function embedWrapper(node: Element): string | undefined {
  const find = (nodes: ChildNode[]): string | undefined => {
    for (const n of nodes) {
      if (!isTag(n)) continue;
      if (hasClass(n, 'wp-block-embed__wrapper')) {
        const text = wordsIn(n.children);
        const first = /https?:\/\/\S+/.exec(text)?.[0];
        if (first) return first;
      }
      if (n.name === 'iframe' && n.attribs.src) return embedPageAddress(n.attribs.src);
      const inner = find(n.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(node.children);
}

function wordsIn(nodes: ChildNode[]): string {
  return nodes.map((n) => (isText(n) ? n.data : isTag(n) ? wordsIn(n.children) : '')).join(' ');
}
