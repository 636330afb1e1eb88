// The article editor: turns the form's plain-text body into a Tiptap editor that saves the body document,
// autosaves drafts, keeps a copy in this browser until the server has it, and offers back what a closed
// tab or a lost connection left behind. Without this script the form still works.
import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { slugify } from '../slug.js';
import { Autosave, dropLocalCopy, type LocalCopy, type NewerVersion } from './autosave.js';
import { chooseImage } from './dialogs.js';
import {
  cleanDocument,
  Embed,
  LibraryImage,
  type MediaInfo,
  mediaInfo,
  PullQuote,
  QuoteOfParagraphs,
  SimpleListItem,
} from './nodes.js';
import { buildToolbar, SAFE_HREF } from './toolbar.js';

const form = document.getElementById('article-form');
if (form instanceof HTMLFormElement) start(form);

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

function start(form: HTMLFormElement) {
  const known = document.getElementById('editor-media')?.dataset.media;
  for (const item of Object.values(JSON.parse(known || '{}') as Record<string, MediaInfo>))
    mediaInfo.set(item.id, item);

  const bodyInput = input(form, 'body');
  const formatInput = input(form, 'bodyFormat');
  const bodyText = form.elements.namedItem('bodyText') as HTMLTextAreaElement;
  let content: JSONContent;
  try {
    content = JSON.parse(bodyInput.value || '{"type":"doc","content":[]}') as JSONContent;
  } catch {
    content = { type: 'doc', content: [] };
  }

  const mount = document.getElementById('body-editor')!;
  const editor = new Editor({
    element: mount,
    // Tiptap would add a <style> element, which the CSP refuses; its few rules are in editor.css instead.
    injectCSS: false,
    extensions: [
      StarterKit.configure({
        blockquote: false,
        listItem: false,
        code: false,
        codeBlock: false,
        strike: false,
        underline: false,
        heading: { levels: [2, 3, 4] },
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          isAllowedUri: (url) => SAFE_HREF.test(url),
        },
      }),
      QuoteOfParagraphs,
      SimpleListItem,
      PullQuote,
      LibraryImage,
      Embed,
    ],
    content,
    editorProps: {
      attributes: {
        id: 'body-editor-content',
        class: 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
      },
    },
  });
  mount.hidden = false;
  mount.before(buildToolbar(editor, 'body-editor-content'));
  (form.querySelector('.body-fallback') as HTMLElement).hidden = true;
  document.getElementById('body-label')?.removeAttribute('for');

  const statusLine = form.querySelector('.save-status') as HTMLElement;
  const setStatus = (text: string, kind: 'ok' | 'error' = 'ok') => {
    statusLine.textContent = text;
    statusLine.classList.toggle('save-status-error', kind === 'error');
  };
  const sync = () => {
    bodyInput.value = JSON.stringify(cleanDocument(editor.getJSON()));
    formatInput.value = 'json';
    bodyText.value = editor.getText({ blockSeparator: '\n\n' });
  };
  sync();

  const autosave = new Autosave(
    form,
    { sync, status: setStatus, conflict: showConflict },
    form.dataset.autosave === 'on',
  );
  editor.on('update', () => autosave.changed());
  form.addEventListener('input', (event) => {
    if (event.target !== bodyText) autosave.changed();
  });
  form.addEventListener('change', () => autosave.changed());
  form.addEventListener('submit', () => {
    sync();
    autosave.keepLocally(true);
    autosave.stop();
  });

  function showConflict(message: string, newer: NewerVersion) {
    // Another tab's successful save may have cleared the shared copy; this text must survive this tab too.
    autosave.keepLocally();
    const at = newer.savedAt ? ` at ${newer.savedAt}` : '';
    setStatus(
      newer.savedByYou
        ? `Not saved: you saved a newer version in another tab or window${at}. Your text is kept here.`
        : 'Not saved: someone else saved a newer version. Your text is kept here.',
      'error',
    );
    if (document.getElementById('autosave-conflict')) return;
    const panel = document.createElement('section');
    panel.id = 'autosave-conflict';
    panel.className = 'panel conflict';
    panel.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = message;
    const compare = document.createElement('button');
    compare.type = 'submit';
    compare.name = 'intent';
    compare.value = 'save';
    compare.setAttribute('form', 'article-form');
    compare.textContent = 'Compare with the newer version';
    panel.append(text, compare);
    form.before(panel);
  }

  offerLeftover(form, autosave.leftover(), (copy) => restore(form, editor, copy, autosave));
  autosave.start();
  wireHeroChooser(form, () => autosave.changed());
  followHeadlineWithSlug(form);

  // A deliberate "load the newer version" discards the local copy, or it would be offered again.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-discard-local]')) {
    link.addEventListener('click', () => dropLocalCopy(autosave.storageKey));
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-confirm]')) {
    button.addEventListener('click', (event) => {
      if (!window.confirm(button.dataset.confirm ?? 'Are you sure?')) event.preventDefault();
    });
  }
}

/** Puts a local copy's fields back into the form and the editor. */
function restore(form: HTMLFormElement, editor: Editor, copy: LocalCopy, autosave: Autosave) {
  const authorSelects = [...form.querySelectorAll<HTMLSelectElement>('select[name="authorIds"]')];
  let author = 0;
  for (const select of authorSelects) select.value = '';
  for (const [name, value] of copy.entries) {
    if (name === 'authorIds') {
      const select = authorSelects[author++];
      if (select) select.value = value;
    } else if (name === 'body') {
      editor.commands.setContent(JSON.parse(value) as JSONContent);
    } else {
      const field = form.elements.namedItem(name);
      if (
        field instanceof HTMLInputElement ||
        field instanceof HTMLTextAreaElement ||
        field instanceof HTMLSelectElement
      ) {
        field.value = value;
      }
    }
  }
  // Based on an older version, it goes through the conflict check like any other save.
  input(form, 'baseVersion').value = String(copy.baseVersion);
  autosave.changed();
}

function offerLeftover(form: HTMLFormElement, copy: LocalCopy | null, apply: (copy: LocalCopy) => void) {
  if (!copy) return;
  const current = Number(input(form, 'baseVersion').value) || 0;
  const time = new Date(copy.savedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  if (copy.baseVersion === current) {
    // Nothing was saved since: the copy simply continues where the writer left off.
    apply(copy);
    const note = document.createElement('p');
    note.className = 'flash flash-ok';
    note.setAttribute('role', 'status');
    note.textContent = `Restored your unsaved changes from ${time}, kept in this browser.`;
    form.before(note);
    return;
  }
  const panel = document.createElement('section');
  panel.className = 'panel conflict';
  panel.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent =
    `This browser kept unsaved changes from ${time}, made to version ${copy.baseVersion || 'new'}; ` +
    `version ${current} has been saved since. Restore them to compare and decide, or discard them.`;
  const restoreButton = document.createElement('button');
  restoreButton.type = 'button';
  restoreButton.textContent = 'Restore my changes';
  const discard = document.createElement('button');
  discard.type = 'button';
  discard.className = 'secondary';
  discard.textContent = 'Discard them';
  const actions = document.createElement('div');
  actions.className = 'actions';
  actions.append(restoreButton, discard);
  panel.append(text, actions);
  form.before(panel);
  restoreButton.addEventListener('click', () => {
    apply(copy);
    panel.remove();
  });
  discard.addEventListener('click', () => {
    dropLocalCopy(`broadsheet:article:${form.dataset.articleId || 'new'}`);
    panel.remove();
  });
}

function wireHeroChooser(form: HTMLFormElement, changed: () => void) {
  const select = form.elements.namedItem('heroMediaId') as HTMLSelectElement | null;
  const preview = form.querySelector<HTMLElement>('[data-hero-preview]');
  if (!select || !preview) return;
  const show = () => {
    const info = mediaInfo.get(Number(select.value));
    preview.replaceChildren();
    if (!info) return;
    if (info.thumbUrl)
      preview.append(Object.assign(document.createElement('img'), { src: info.thumbUrl, alt: info.altText }));
    const caption = document.createElement('p');
    caption.textContent = [info.caption, info.credit ? `Image by ${info.credit}` : '']
      .filter(Boolean)
      .join(' | ');
    preview.append(caption);
  };
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary';
  button.textContent = 'Choose from the library…';
  button.addEventListener('click', async () => {
    const item = await chooseImage('Choose the hero image');
    if (!item) return;
    mediaInfo.set(item.id, item);
    if (![...select.options].some((o) => o.value === String(item.id))) {
      select.add(new Option(`#${item.id} · ${item.caption || item.altText}`, String(item.id)));
    }
    select.value = String(item.id);
    show();
    changed();
  });
  select.addEventListener('change', show);
  preview.before(button);
  show();
}

/**
 * On a new article, the slug the headline will give, shown in the empty slug field. Only shown: left empty,
 * the server makes it and picks a free variant if another article has it.
 */
function followHeadlineWithSlug(form: HTMLFormElement) {
  if (form.dataset.articleId) return;
  const headline = input(form, 'headline');
  const slug = input(form, 'slug');
  headline.addEventListener('input', () => {
    slug.placeholder = slugify(headline.value);
  });
}
