// Keyboard shortcuts and "select all" for the moderation queue. Every shortcut presses a button or link
// that is on the page anyway, so the server checks stay the same and the page works without this script.
const items = Array.from(document.querySelectorAll<HTMLElement>('.mod-item[data-id]'));
let current = -1;

function focusItem(index: number): void {
  if (items.length === 0) return;
  items[current]?.classList.remove('mod-focus');
  current = Math.max(0, Math.min(items.length - 1, index));
  const item = items[current]!;
  item.classList.add('mod-focus');
  item.focus({ preventScroll: false });
}

function typing(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || items.length === 0) return;
  const key = event.key;
  if (key === 'j' || key === 'k') {
    event.preventDefault();
    focusItem(current === -1 ? 0 : current + (key === 'j' ? 1 : -1));
    return;
  }
  const item = items[current];
  if (!item) return;
  if (key === 'x') {
    event.preventDefault();
    const box = item.querySelector<HTMLInputElement>('.mod-check');
    if (box) box.checked = !box.checked;
    return;
  }
  const target = item.querySelector<HTMLElement>(`[data-key="${key}"]`);
  if (target && /^[asduo]$/.test(key)) {
    event.preventDefault();
    target.click();
  }
});

const selectAll = document.querySelector<HTMLButtonElement>('.mod-select-all');
if (selectAll) {
  selectAll.hidden = false;
  selectAll.addEventListener('click', () => {
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>('.mod-check'));
    const all = boxes.every((b) => b.checked);
    for (const b of boxes) b.checked = !all;
    selectAll.textContent = all ? 'Select all' : 'Select none';
  });
}
