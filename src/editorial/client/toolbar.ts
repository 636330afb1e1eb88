// The editor's toolbar: one labelled button per thing the body document can hold, showing which apply at
// the cursor (aria-pressed); links, pull quotes, images and embeds are filled in by dialogs (node-dialogs.ts).
import type { Editor } from '@tiptap/core';
import { editEmbed, editImage, editLink, editPullQuote } from './node-dialogs.js';

interface Tool {
  label: string;
  run: (editor: Editor) => unknown;
  active?: (editor: Editor) => boolean;
  shortcut?: string;
}

const TOOLS: Array<Tool | '|'> = [
  {
    label: 'Paragraph',
    run: (e) => e.chain().focus().setParagraph().run(),
    active: (e) => e.isActive('paragraph'),
  },
  {
    label: 'Heading',
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    label: 'Subheading',
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    active: (e) => e.isActive('heading', { level: 3 }),
  },
  '|',
  {
    label: 'Bold',
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
    shortcut: 'Control+B',
  },
  {
    label: 'Italic',
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive('italic'),
    shortcut: 'Control+I',
  },
  { label: 'Link', run: editLink, active: (e) => e.isActive('link') },
  '|',
  {
    label: 'Quotation',
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
  { label: 'Pull quote', run: editPullQuote, active: (e) => e.isActive('pullQuote') },
  {
    label: 'Bulleted list',
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    label: 'Numbered list',
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  '|',
  { label: 'Image', run: editImage, active: (e) => e.isActive('image') },
  { label: 'Embed', run: editEmbed, active: (e) => e.isActive('embed') },
  { label: 'Rule', run: (e) => e.chain().focus().setHorizontalRule().run() },
  '|',
  { label: 'Undo', run: (e) => e.chain().focus().undo().run() },
  { label: 'Redo', run: (e) => e.chain().focus().redo().run() },
];

export function buildToolbar(editor: Editor, controlsId: string): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'editor-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Formatting');
  bar.setAttribute('aria-controls', controlsId);
  const buttons: Array<[HTMLButtonElement, Tool]> = [];
  for (const tool of TOOLS) {
    if (tool === '|') {
      const gap = document.createElement('span');
      gap.className = 'editor-toolbar-gap';
      bar.append(gap);
      continue;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = tool.label;
    if (tool.shortcut) button.setAttribute('aria-keyshortcuts', tool.shortcut);
    // Keep the editor's selection: a mousedown on the button would otherwise take focus first.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => void tool.run(editor));
    bar.append(button);
    buttons.push([button, tool]);
  }
  const refresh = () => {
    for (const [button, tool] of buttons) {
      if (tool.active) button.setAttribute('aria-pressed', String(tool.active(editor)));
    }
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();
  return bar;
}
