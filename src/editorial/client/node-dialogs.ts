// What the toolbar's Link, Pull quote, Image and Embed buttons do: ask for the values in a dialog, then
// insert the node or change the one selected.
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { EMBED_PROVIDERS } from '../../articles/render/embeds.js';
import { askFields } from './dialogs.js';
import { chooseImage } from './image-chooser.js';
import { isSafeHref } from './links.js';
import { mediaInfo } from './media-info.js';

function selectedNode(editor: Editor, name: string) {
  const { selection } = editor.state;
  return selection instanceof NodeSelection && selection.node.type.name === name ? selection.node : null;
}

export async function editLink(editor: Editor) {
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
          isSafeHref(v)
            ? null
            : 'Use an address starting with https://, http://, mailto: or tel:, or a path on this site starting with /.',
      },
    ],
    'Apply',
  );
  if (!values) return editor.commands.focus();
  const chain = editor.chain().focus().extendMarkRange('link');
  if (!values.href) return chain.unsetLink().run();
  return chain.setLink({ href: values.href }).run();
}

export async function editPullQuote(editor: Editor) {
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

export async function editImage(editor: Editor) {
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

export async function editEmbed(editor: Editor) {
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
