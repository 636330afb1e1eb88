// The copy of the edit form kept in this browser's storage until the server has it: what is kept (not the
// token, versions or buttons), under which key, and reading, writing and dropping it without ever failing.

const IGNORED = new Set([
  '_csrf',
  'baseVersion',
  'overwriteVersion',
  'intent',
  'autosave',
  'bodyText',
  'bodyFormat',
  'scheduledAt',
]);

export interface LocalCopy {
  savedAt: number;
  /** Kept as the form was sent: the next page says whether the server took it. */
  submitted?: boolean;
  baseVersion: number;
  entries: Array<[string, string]>;
}

export function formEntries(form: HTMLFormElement): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && !IGNORED.has(name)) entries.push([name, value]);
  }
  return entries;
}

export function sameEntries(a: Array<[string, string]>, b: Array<[string, string]>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function storageKey(articleId: string): string {
  return `broadsheet:article:${articleId || 'new'}`;
}

export function readLocalCopy(key: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as LocalCopy) : null;
  } catch {
    return null;
  }
}

export function writeLocalCopy(key: string, copy: LocalCopy): void {
  try {
    localStorage.setItem(key, JSON.stringify(copy));
  } catch {
    // Storage full or disabled: the server copy is then the only one, as without this feature.
  }
}

export function dropLocalCopy(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to drop.
  }
}
