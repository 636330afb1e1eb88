// Searching by words someone typed, with LIKE: what they type is matched as itself.

/** A LIKE pattern (used with `escape '\\'`) for words typed by someone: their % and _ match themselves. */
export function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
