// Cutting text for a place that shows only so much (a description, a headline in a search result), at a word,
// with an ellipsis. Free of imports: the editor's script uses it for its previews as the head does.

/** Text cut at a word boundary to at most `max` characters (code points, never half an emoji). */
export function truncateText(text: string, max: number): string {
  // Only the opening matters; a code point is at most two UTF-16 units, whitespace runs collapse to one.
  const chars = Array.from(
    text
      .slice(0, max * 8)
      .replace(/\s+/g, ' ')
      .trim(),
  );
  if (chars.length <= max) return chars.join('');
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
