// The editor's toolbar: one labelled button per thing the body document can hold, showing which apply at
// the cursor (aria-pressed), and the dialogs that fill in links, pull quotes, images and embeds.
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { EMBED_PROVIDERS } from '../../articles/render/embeds.js';
import { askFields, chooseImage } from './dialogs.js';
import { mediaInfo } from './nodes.js';

// The same rule the server applies to links in the body (articles/render/document.ts).
export const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

function selectedNode(editor: Editor, name: string) {
  const { selection } = editor.state;
  return selection instanceof NodeSelection && selection.node.type.name === name ? selection.node : null;
}

async function editLink(editor: Editor) {
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const values = await askFields(
    'Link',
    [
      {
        name: 'href',
        label: 'Web address',
        type: 'url',
        value: current,
        hint: 'Leave empty to remove the link.',
        check: (v) =>
          SAFE_HREF.test(v) ? null : 'Use an address starting with https://, http://, mailto: or /.',
      },
    ],
    'Apply',
  );
  if (!values) return editor.commands.focus();
  const chain = editor.chain().focus().extendMarkRange('link');
  if (!values.href) return chain.unsetLink().run();
  return chain.setLink({ href: values.href }).run();
}

async function editPullQuote(editor: Editor) {
  const node = selectedNode(editor, 'pullQuote');
  const values = await askFields(
    'Pull quote',
    [
      { name: 'text', label: 'Quotation', type: 'textarea', required: true, value: node?.attrs.text ?? '' },
      { name: 'attribution', label: 'Who said it', value: node?.attrs.attribution ?? '' },
    ],
    node ? 'Update' : 'Insert',
  );
  if (!values) return editor.commands.focus();
  const attrs = { text: values.text, attribution: values.attribution || null };
  if (node) return editor.chain().focus().updateAttributes('pullQuote', attrs).run();
  return editor.chain().focus().insertContent({ type: 'pullQuote', attrs }).run();
}

async function editImage(editor: Editor) {
  const node = selectedNode(editor, 'image');
  if (node) {
    const info = mediaInfo.get(node.attrs.mediaId);
    const values = await askFields(
      'Caption for this use',
      [
        {
          name: 'caption',
          label: 'Caption',
          type: 'textarea',
          value: node.attrs.caption ?? '',
          hint: `Leave empty to use the library’s: “${info?.caption ?? ''}”. The credit always comes from the library.`,
        },
      ],
      'Update',
    );
    if (values)
      editor
        .chain()
        .focus()
        .updateAttributes('image', { caption: values.caption || null })
        .run();
    return;
  }
  const item = await chooseImage('Insert an image from the library');
  if (!item) return editor.commands.focus();
  mediaInfo.set(item.id, item);
  return editor
    .chain()
    .focus()
    .insertContent({ type: 'image', attrs: { mediaId: item.id, caption: null } })
    .run();
}

async function editEmbed(editor: Editor) {
  const node = selectedNode(editor, 'embed');
  const values = await askFields(
    'Embed a video or post',
    [
      {
        name: 'url',
        label: 'Address of the video or post',
        type: 'url',
        required: true,
        value: node?.attrs.url ?? '',
        hint:
          `Readers see a notice and a link; a video or post from ${EMBED_PROVIDERS.map((p) => p.name).join(', ')} ` +
          'loads in the page only when they click, so nothing is fetched from that site before. Other sites stay a link.',
        check: (v) =>
          /^https:\/\/[^\s/]+\.[^\s]+$/i.test(v) ? null : 'Use the full address, starting with https://.',
      },
      { name: 'title', label: 'Title (optional)', value: node?.attrs.title ?? '' },
    ],
    node ? 'Update' : 'Insert',
  );
  if (!values) return editor.commands.focus();
  const attrs = { url: values.url, title: values.title || null };
  if (node) return editor.chain().focus().updateAttributes('embed', attrs).run();
  return editor.chain().focus().insertContent({ type: 'embed', attrs }).run();
}

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
