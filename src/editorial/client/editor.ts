// The article editor: turns the form's plain-text body into a Tiptap editor that saves the body document,
// autosaves drafts, keeps a copy in this browser until the server has it, and offers back what a closed
// tab or a lost connection left behind. Without this script the form still works.
import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { slugify } from '../slug.js';
import { Autosave, type NewerVersion } from './autosave.js';
import { imageFiles, uploadIntoBody } from './body-image-drop.js';
import { cleanDocument } from './clean-document.js';
import { showConflictPanel } from './conflict-panel.js';
import { wireHeroChooser, wireSocialImageChooser } from './hero-chooser.js';
import { offerLeftover, restore } from './leftover.js';
import { isSafeHref } from './links.js';
import { dropLocalCopy } from './local-copy.js';
import { type MediaInfo, mediaInfo } from './media-info.js';
import { Embed, LibraryImage, PullQuote, QuoteOfParagraphs, SimpleListItem } from './nodes.js';
import { updateSharingPreview } from './sharing-preview.js';
import { showSidePanelsOf, wireConfirmations } from './side-panels.js';
import { buildToolbar } from './toolbar.js';
import { showWordCount, updateChecklist } from './writing-aids.js';

// The static pages' form (src/pages/admin/) uses the same editor; it has no autosave, hero nor headline.
const form = document.getElementById('article-form') ?? document.getElementById('page-form');
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
          isAllowedUri: (url) => isSafeHref(url),
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
      // A pasted or dropped image file goes to the library first (body-image-drop.ts); text pastes as usual.
      handlePaste: (view, event) => {
        const files = imageFiles(event.clipboardData?.files);
        if (files.length === 0) return false;
        void uploadEach(files, view.state.selection.from);
        return true;
      },
      handleDrop: (view, event) => {
        const files = imageFiles(event.dataTransfer?.files);
        if (files.length === 0) return false;
        event.preventDefault();
        const at =
          view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
        void uploadEach(files, at);
        return true;
      },
      attributes: {
        id: 'body-editor-content',
        class: 'editor-content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': 'body-label',
      },
    },
  });
  // One form at a time: each file is described and uploaded before the next is asked about.
  async function uploadEach(files: File[], at: number) {
    for (const file of files) await uploadIntoBody(editor, form, file, at, (t, k) => setStatus(t, k));
  }
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
    { sync, status: setStatus, conflict: showConflict, adopted: (id) => void showSidePanelsOf(id) },
    form.dataset.autosave === 'on',
  );
  const aidWriting = () => {
    const text = editor.getText({ blockSeparator: '\n\n' });
    showWordCount(text);
    updateChecklist(form, text);
    updateSharingPreview(form, text);
  };
  aidWriting();
  document.addEventListener('editor:side-panels', aidWriting);
  editor.on('update', () => {
    autosave.changed();
    aidWriting();
  });
  form.addEventListener('input', (event) => {
    if (event.target !== bodyText) autosave.changed();
    aidWriting();
  });
  form.addEventListener('change', () => {
    autosave.changed();
    aidWriting();
  });
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
    showConflictPanel(form, message);
  }

  offerLeftover(form, autosave.leftover(), (copy) => restore(form, editor, copy, autosave));
  autosave.start();
  wireHeroChooser(form);
  wireSocialImageChooser(form);
  followHeadlineWithSlug(form);

  // A deliberate "load the newer version" discards the local copy, or it would be offered again.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-discard-local]')) {
    link.addEventListener('click', () => dropLocalCopy(autosave.storageKey));
  }
  wireConfirmations(document);
}

/**
 * On a new article, the slug the headline will give, shown in the empty slug field. Only shown: left empty,
 * the server makes it and picks a free variant if another article has it.
 */
function followHeadlineWithSlug(form: HTMLFormElement) {
  if (form.dataset.articleId) return;
  const headline = input(form, 'headline');
  const slug = input(form, 'slug');
  if (!headline || !slug) return;
  headline.addEventListener('input', () => {
    slug.placeholder = slugify(headline.value);
  });
}
