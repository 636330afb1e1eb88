// A new article's first autosave makes it a saved draft: the status, publish checks and Publish/Schedule
// steps beside the form are fetched from its edit page as the server renders them, so they appear without
// a reload and follow the same permissions and rules.

export function wireConfirmations(root: ParentNode) {
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-confirm]')) {
    button.addEventListener('click', (event) => {
      if (!window.confirm(button.dataset.confirm ?? 'Are you sure?')) event.preventDefault();
    });
  }
}

export async function showSidePanelsOf(articleId: string): Promise<void> {
  const layout = document.querySelector('.edit-layout');
  if (!layout) return;
  let html: string;
  try {
    const response = await fetch(`/admin/articles/${encodeURIComponent(articleId)}`, {
      credentials: 'same-origin',
      headers: { accept: 'text/html' },
    });
    if (!response.ok) return;
    html = await response.text();
  } catch {
    // Offline for a moment: the steps appear on the next visit, as before.
    return;
  }
  const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('.edit-aside');
  if (!fresh) return;
  const adopted = document.importNode(fresh, true) as HTMLElement;
  wireConfirmations(adopted);
  const current = layout.querySelector('.edit-aside');
  if (current) current.replaceWith(adopted);
  else layout.append(adopted);
  document.dispatchEvent(new CustomEvent('editor:side-panels'));
}
