// How the newsroom names an image in a sentence or a heading when it has no title of its own.

/** A short name for an image in a message: its caption, else its alt text, else its number. */
export function imageLabel(item: { id: number; caption: string; altText: string }): string {
  const words = item.caption.trim() || item.altText.trim();
  if (!words) return `image ${item.id}`;
  return words.length > 60 ? `${words.slice(0, 59).trimEnd()}…` : words;
}
