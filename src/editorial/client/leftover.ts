// What a closed tab or a lost connection left in this browser: put back at once when nothing was saved since,
// or offered back (restore or discard) when a newer version was saved meanwhile.
import type { Editor, JSONContent } from '@tiptap/core';
import type { Autosave } from './autosave.js';
import { dropLocalCopy, type LocalCopy, storageKey } from './local-copy.js';

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement;
}

/** Puts a local copy's fields back into the form and the editor. */
export function restore(form: HTMLFormElement, editor: Editor, copy: LocalCopy, autosave: Autosave) {
  const authorSelects = [...form.querySelectorAll<HTMLSelectElement>('select[name="authorIds"]')];
  let author = 0;
  for (const select of authorSelects) select.value = '';
  // A ticked box is in the copy and an unticked one is not, so each starts unticked.
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
  for (const box of boxes) box.checked = false;
  for (const [name, value] of copy.entries) {
    if (name === 'authorIds') {
      const select = authorSelects[author++];
      if (select) select.value = value;
    } else if (name === 'body') {
      editor.commands.setContent(JSON.parse(value) as JSONContent);
    } else {
      const field = form.elements.namedItem(name);
      if (field instanceof HTMLInputElement && field.type === 'checkbox') {
        field.checked = field.value === value;
      } else if (
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

export function offerLeftover(
  form: HTMLFormElement,
  copy: LocalCopy | null,
  apply: (copy: LocalCopy) => void,
) {
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
    dropLocalCopy(storageKey(form.dataset.articleId ?? ''));
    panel.remove();
  });
}
