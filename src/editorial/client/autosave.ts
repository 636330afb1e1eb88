// Nothing typed is lost: every change is copied to this browser's storage at once, drafts are saved to the
// server every few seconds and when the page is left, and a save the server refuses (someone else saved
// first, or the connection is gone) keeps the text here and says what happened.
import {
  dropLocalCopy,
  formEntries,
  type LocalCopy,
  readLocalCopy,
  sameEntries,
  storageKey,
  writeLocalCopy,
} from './local-copy.js';
import { autosavePayload, postAutosave, readAnswer } from './save-request.js';

export const AUTOSAVE_MS = 5000;
// Browsers refuse keepalive requests over 64 KB; a longer article leaves only the local copy behind.
const KEEPALIVE_LIMIT = 60_000;

export interface NewerVersion {
  savedByYou: boolean;
  /** When the newer version was saved, as this browser shows times. */
  savedAt: string | null;
}

export interface AutosaveHooks {
  /** Writes the editor's document into the form's hidden fields. */
  sync(): void;
  /** Shows a line of status text. */
  status(text: string, kind?: 'ok' | 'error'): void;
  /** A newer version was saved (by someone else, or in this writer's other tab): autosave stops until they decide. */
  conflict(message: string, newer: NewerVersion): void;
  /** A new article was saved for the first time and has this id now. */
  adopted(id: string): void;
}

function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export class Autosave {
  private key: string;
  private articleId: string;
  private dirty = false;
  private saving = false;
  private stopped = false;
  private changes = 0;
  /** The form was sent: the page is leaving with it, and the copy marked as sent must stay as it is. */
  private sent = false;
  private localTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly hooks: AutosaveHooks,
    private readonly enabled: boolean,
  ) {
    this.articleId = form.dataset.articleId ?? '';
    this.key = storageKey(this.articleId);
  }

  get storageKey(): string {
    return this.key;
  }

  private baseInput(): HTMLInputElement {
    return this.form.elements.namedItem('baseVersion') as HTMLInputElement;
  }

  /** Called on every edit: remembered locally at once (debounced a little), saved on the next tick. */
  changed(): void {
    this.dirty = true;
    this.changes++;
    clearTimeout(this.localTimer);
    this.localTimer = setTimeout(() => this.keepLocally(), 300);
  }

  keepLocally(submitted = false): void {
    // This write supersedes a pending one, which would otherwise land after it (say, a form sent within
    // the debounce) and turn a copy marked as sent back into one that looks unsaved.
    clearTimeout(this.localTimer);
    if (submitted) this.sent = true;
    this.hooks.sync();
    writeLocalCopy(this.key, {
      savedAt: Date.now(),
      submitted,
      baseVersion: Number(this.baseInput().value) || 0,
      entries: formEntries(this.form),
    });
  }

  start(): void {
    if (!this.enabled) return;
    setInterval(() => void this.save(false), AUTOSAVE_MS);
    // pagehide, not beforeunload: it also fires when a phone browser discards the tab.
    window.addEventListener('pagehide', () => {
      if (this.dirty && !this.sent) {
        this.keepLocally();
        void this.save(true);
      }
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.save(false);
    });
  }

  /** Stops autosaving (a manual submit is under way, or a conflict awaits a decision). */
  stop(): void {
    this.stopped = true;
  }

  async save(leaving: boolean): Promise<void> {
    if (!this.enabled || this.stopped || this.saving || !this.dirty) return;
    const headline = this.form.elements.namedItem('headline') as HTMLInputElement;
    // A new article needs a headline before it exists on the server; until then it lives in this browser.
    if (!this.articleId && !headline.value.trim()) return;
    this.hooks.sync();
    const payload = autosavePayload(this.form);
    if (leaving && payload.length > KEEPALIVE_LIMIT) return;
    const changesAtStart = this.changes;
    this.saving = true;
    try {
      const response = await postAutosave(this.form, this.articleId, payload, leaving);
      if (leaving) return;
      await this.handle(response, changesAtStart);
    } catch {
      if (!leaving) {
        this.hooks.status(
          'Not saved: the connection is gone. Your text is kept in this browser; saving resumes when it returns.',
          'error',
        );
      }
    } finally {
      this.saving = false;
    }
  }

  private async handle(response: Response, changesAtStart: number): Promise<void> {
    const data = await readAnswer(response);
    if (response.ok && data.version) {
      this.baseInput().value = String(data.version);
      if (!this.articleId && data.id) this.adopt(String(data.id));
      const time = clockTime(data.savedAt ?? new Date().toISOString());
      this.hooks.status(`Saved automatically at ${time} (version ${data.version}).`);
      // Edits made while the request was on its way are still unsaved.
      if (this.changes === changesAtStart) {
        this.dirty = false;
        // A local write still waiting would put back a copy of what the server now has, and the next visit
        // would offer it as unsaved changes.
        clearTimeout(this.localTimer);
        dropLocalCopy(this.key);
      } else {
        this.keepLocally();
      }
      return;
    }
    const details = Object.values(data.error?.fields ?? {}).join(' ');
    const message = details || data.error?.message || 'The draft could not be saved.';
    if (response.status === 409) {
      this.stop();
      const current = data.error?.current;
      this.hooks.conflict(message, {
        savedByYou: current?.savedByYou === true,
        savedAt: current?.savedAt ? clockTime(current.savedAt) : null,
      });
      return;
    }
    if (response.status === 401 || response.status === 403) {
      this.stop();
      this.hooks.status(`Not saved: ${message} Your text is kept in this browser.`, 'error');
      return;
    }
    // A field the server refuses (say, a slug already taken, or a body nested past the limit): say so, keep
    // the document as it is in this browser, and try again after the next change.
    this.keepLocally();
    this.dirty = false;
    this.hooks.status(`Not saved yet: ${message} Your text is kept in this browser.`, 'error');
  }

  /** A new article saved for the first time: from now on the page edits that article. */
  private adopt(id: string): void {
    const oldKey = this.key;
    this.articleId = id;
    this.key = storageKey(id);
    this.form.dataset.articleId = id;
    this.form.action = `/admin/articles/${id}`;
    history.replaceState(null, '', `/admin/articles/${id}`);
    dropLocalCopy(oldKey);
    this.hooks.adopted(id);
  }

  /** The local copy left by an earlier visit, if it holds something the page does not. */
  leftover(): LocalCopy | null {
    // A new article sent before its first autosave was kept under the new-article key; the saved article's
    // page confirming it is the moment to drop it, or the next new article would be offered its text.
    const sentAsNew = readLocalCopy(storageKey(''));
    if (this.articleId && sentAsNew?.submitted && document.querySelector('.flash-ok'))
      dropLocalCopy(storageKey(''));
    const copy = readLocalCopy(this.key);
    if (!copy) return null;
    this.hooks.sync();
    // The page answering a sent form either confirms the save or shows that form again as typed.
    if (copy.submitted && document.querySelector('.flash, #conflict')) {
      dropLocalCopy(this.key);
      return null;
    }
    if (sameEntries(copy.entries, formEntries(this.form))) {
      dropLocalCopy(this.key);
      return null;
    }
    return copy;
  }

  isDirty(): boolean {
    return this.dirty;
  }
}
