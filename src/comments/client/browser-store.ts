// What the comment form keeps in this browser (localStorage): the draft of a comment until the server has
// accepted it, and the signed links of the reader's own held comments on each article. Nothing breaks when
// storage is unavailable; the safety copy is simply missing.
export const store = {
  get<T>(key: string): T | null {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
    } catch {
      return null;
    }
  },
  set(key: string, value: unknown) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Private mode or a full store: the form still works, only without the safety copy.
    }
  },
  remove(key: string) {
    try {
      localStorage.removeItem(key);
    } catch {
      // As above.
    }
  },
};

export const draftKey = (slug: string) => `broadsheet:comment-draft:${slug}`;
export const heldKey = (slug: string) => `broadsheet:comment-held:${slug}`;

export function rememberHeld(slug: string, token: string) {
  const list = store.get<string[]>(heldKey(slug)) ?? [];
  store.set(heldKey(slug), [...list.filter((t) => t !== token), token].slice(-20));
}
