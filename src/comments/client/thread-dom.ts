// Changes to the article's threads in the page: a comment the server rendered (and escaped) put where it
// belongs, and the count raised when a comment is published.

/** A published comment counts at once, in the heading and in the count at the top of the article. */
export function countOneMore() {
  for (const el of document.querySelectorAll('#comments-title, .comment-count a')) {
    const n = Number((el.textContent ?? '').replace(/\D/g, '')) + 1;
    el.textContent = n === 1 ? '1 comment' : `${n.toLocaleString('en')} comments`;
    if (el instanceof HTMLAnchorElement) el.href = '#comments';
  }
}

/** Puts a comment rendered by the server (escaped there) into the thread it belongs to. */
export function place(html: string, parentId: number | null): HTMLElement | null {
  const template = document.createElement('template');
  template.innerHTML = html;
  const node = template.content.firstElementChild as HTMLElement | null;
  if (!node) return null;
  const item = node.tagName === 'LI' ? node : wrap(node);
  const parent = parentId === null ? null : document.getElementById(`comment-${parentId}`);
  let list = parent
    ? parent.querySelector(':scope > ol.comment-replies')
    : document.querySelector('ol.comment-list');
  if (!list) {
    list = document.createElement('ol');
    list.className = parent ? 'comment-replies' : 'comment-list';
    if (parent) parent.append(list);
    else document.getElementById('comments-title')?.after(list);
  }
  list.append(item);
  return item;
}

function wrap(node: HTMLElement): HTMLElement {
  const li = document.createElement('li');
  li.className = 'comment';
  li.append(node);
  return li;
}
