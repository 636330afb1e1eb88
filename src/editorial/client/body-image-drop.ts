// An image pasted or dropped into the body: the library asks what it needs (alt text, caption, credit,
// usage rights) in a small form, the file goes through the library's own upload, and the new image lands in
// the body where it was pasted or dropped. A refusal is said in the form's words; nothing is inserted then.
import type { Editor } from '@tiptap/core';
import { askFields } from './dialogs.js';
import { RIGHTS_OPTIONS, sendToLibrary } from './hero-upload.js';
import { mediaInfo } from './media-info.js';

/** The image files among those pasted or dropped. */
export function imageFiles(files: FileList | null | undefined): File[] {
  return [...(files ?? [])].filter((f) => f.type.startsWith('image/'));
}

export async function uploadIntoBody(
  editor: Editor,
  form: HTMLFormElement,
  file: File,
  at: number,
  say: (text: string, kind?: 'ok' | 'error') => void,
) {
  const details = await askFields(
    `Describe ${file.name || 'the pasted image'} for the library`,
    [
      {
        name: 'altText',
        label: 'Alt text',
        required: true,
        hint: 'Describe the image for readers who cannot see it.',
      },
      { name: 'caption', label: 'Caption', type: 'textarea' },
      { name: 'creditPerson', label: 'Credit', hint: 'The photographer or illustrator.' },
      { name: 'rights', label: 'Usage rights', options: RIGHTS_OPTIONS },
    ],
    'Upload and insert',
  );
  if (!details) return void editor.commands.focus();
  say('Uploading the image to the library…');
  const answer = await sendToLibrary(form, file, {
    altText: details.altText ?? '',
    caption: details.caption ?? '',
    creditPerson: details.creditPerson ?? '',
    rights: details.rights ?? '',
  });
  if ('refused' in answer) return say(`Image not added: ${answer.refused}`, 'error');
  mediaInfo.set(answer.item.id, answer.item);
  const position = Math.min(at, editor.state.doc.content.size);
  editor
    .chain()
    .focus()
    .insertContentAt(position, { type: 'image', attrs: { mediaId: answer.item.id, caption: null } })
    .run();
  say('Image uploaded to the library and placed in the body.');
}
