// The comment form island: posts in place without a reload, shows each problem next to its field, opens
// the form under a comment for a reply, and keeps what the reader typed in this browser until the server
// has accepted it (through validation errors, rate limits, server errors and reloads). It also shows the
// reader their own comments that wait for moderation, which the shared page cannot.
import { draftKey, heldKey, rememberHeld, store } from './browser-store.js';
import { countOneMore, place } from './thread-dom.js';

interface Draft {
  comment: string;
  name: string;
  email: string;
  url: string;
  notify: boolean;
}

const FIELDS = ['comment', 'name', 'email', 'url'] as const;

const form = document.getElementById('comment-form') as HTMLFormElement | null;
if (form) enhance(form);

// A reader who posted without the script (or before it loaded) lands on their held comment's own page: its
// link is remembered, so that the article shows them their comment while it waits, and the draft is done.
const heldHere = document.querySelector<HTMLElement>('[data-held-token]');
if (heldHere?.dataset.heldToken && heldHere.dataset.article) {
  rememberHeld(heldHere.dataset.article, heldHere.dataset.heldToken);
  store.remove(draftKey(heldHere.dataset.article));
}

function enhance(form: HTMLFormElement): void {
  const slug = form.dataset.article ?? '';
  const draftName = draftKey(slug);
  const respond = document.getElementById('respond');
  const home = respond?.parentElement ?? null;
  const homeNext = respond?.nextSibling ?? null;
  const title = document.getElementById('respond-title');
  const message = form.querySelector<HTMLElement>('.form-message');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const input = (name: string) =>
    form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | null;
  let cancel: HTMLButtonElement | null = null;

  function draft(): Draft {
    return {
      comment: input('comment')?.value ?? '',
      name: input('name')?.value ?? '',
      email: input('email')?.value ?? '',
      url: input('url')?.value ?? '',
      notify: (input('notify') as HTMLInputElement | null)?.checked ?? false,
    };
  }

  // Restore what was typed before a reload, unless the server already put values back (after an error).
  const saved = store.get<Draft>(draftName);
  if (saved && FIELDS.every((f) => !input(f)?.value)) {
    for (const f of FIELDS) {
      const el = input(f);
      if (el && typeof saved[f] === 'string') el.value = saved[f];
    }
    const notify = input('notify') as HTMLInputElement | null;
    if (notify) notify.checked = Boolean(saved.notify);
  }
  form.addEventListener('input', () => store.set(draftName, draft()));

  // The page may have been cached for long: the form counts as shown when the reader first sees it. Until
  // this token arrives the page's own one is sent, which may hold the comment for a moderator (tokens.ts).
  const refreshToken = () => {
    fetch(`/articles/${slug}/comments/form-token`, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((data: { token?: string } | null) => {
        const t = input('t');
        if (t && data?.token) t.value = data.token;
      })
      .catch(() => {});
  };
  if ('IntersectionObserver' in window) {
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        seen.disconnect();
        refreshToken();
      }
    });
    seen.observe(form);
  }

  /** Tells the reader how the post went: a success is announced politely and not in the red of errors. */
  function say(text: string, kind: 'ok' | 'error' = 'error') {
    if (!message) return;
    message.textContent = text;
    message.hidden = !text;
    message.classList.toggle('form-message-ok', kind === 'ok');
    message.setAttribute('role', kind === 'ok' ? 'status' : 'alert');
  }

  function showErrors(fields: Record<string, string>) {
    let first: HTMLElement | null = null;
    for (const f of FIELDS) {
      const el = input(f);
      const error = document.getElementById(`comment-${f}-error`);
      const text = fields[f] ?? '';
      if (error) {
        error.textContent = text;
        error.hidden = !text;
      }
      if (el) {
        if (text) el.setAttribute('aria-invalid', 'true');
        else el.removeAttribute('aria-invalid');
        if (text && !first) first = el;
      }
    }
    first?.focus();
  }

  function setParent(id: string, name: string, after: Element | null) {
    const parent = input('parent');
    if (parent) parent.value = id;
    if (title) title.textContent = id ? `Reply to ${name}` : 'Submit a Comment';
    if (respond && after) after.after(respond);
    if (!id && respond && home) home.insertBefore(respond, homeNext);
    if (id && !cancel) {
      cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.className = 'comment-cancel';
      cancel.textContent = 'Cancel reply';
      cancel.addEventListener('click', () => setParent('', '', null));
      button?.after(cancel);
    }
    if (!id && cancel) {
      cancel.remove();
      cancel = null;
    }
  }

  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a.comment-reply') as HTMLAnchorElement | null;
    if (!link?.dataset.reply) return;
    event.preventDefault();
    setParent(link.dataset.reply, link.dataset.name ?? '', link);
    input('comment')?.focus();
  });

  // The reader's own held comments, which only they may see, come from their own links.
  const held = store.get<string[]>(heldKey(slug)) ?? [];
  const still: string[] = [];
  Promise.all(
    held.map((token) =>
      fetch(`/articles/${slug}/comments/held/${token}`, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : null))
        .then((data: { status: string; html?: string; parent?: number | null; id?: number } | null) => {
          if (data?.status !== 'held' || !data.html) return;
          still.push(token);
          if (!document.getElementById(`comment-${data.id}`)) place(data.html, data.parent ?? null);
        })
        .catch(() => still.push(token)),
    ),
  ).then(() => store.set(heldKey(slug), still));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    say('');
    showErrors({});
    if (button) button.disabled = true;
    store.set(draftName, draft());
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      });
      const data = await response.json().catch(() => null);
      if (response.ok && data) {
        const item = place(data.html, data.parent ?? null);
        if (data.status === 'held' && data.token) rememberHeld(slug, data.token);
        else countOneMore();
        store.remove(draftName);
        const text = input('comment');
        if (text) text.value = '';
        setParent('', '', null);
        say(
          data.status === 'held'
            ? 'Thank you. Your comment is awaiting moderation; only you can see it for now.'
            : 'Your comment is published.',
          'ok',
        );
        item?.setAttribute('tabindex', '-1');
        item?.focus();
        return;
      }
      const error = data?.error as { message?: string; fields?: Record<string, string> } | undefined;
      showErrors(error?.fields ?? {});
      say(error?.message ?? 'We could not post your comment. It is kept in this browser; please try again.');
    } catch {
      say('We could not reach the site. Your comment is kept in this browser; please try again in a moment.');
    } finally {
      if (button) button.disabled = false;
    }
  });
}
