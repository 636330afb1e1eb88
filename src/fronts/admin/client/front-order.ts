// The front editor's enhancements on top of a form that works without them: drag a slot onto another to
// reorder (the choices move; nothing is saved until the draft is), announced in the live region, and a
// search box that narrows every story list as one types.
function slotLabel(li: HTMLElement): string {
  return li.querySelector('label')?.textContent ?? 'slot';
}

function chosenHeadline(select: HTMLSelectElement): string {
  return select.selectedOptions[0]?.textContent?.trim() || 'an empty slot';
}

function enableDrag(list: HTMLElement, announce: HTMLElement | null) {
  const slots = [...list.querySelectorAll<HTMLElement>('[data-slot]')];
  let dragged: number | null = null;
  const selects = slots.map((li) => li.querySelector<HTMLSelectElement>('select')!);
  slots.forEach((li, i) => {
    li.draggable = true;
    li.addEventListener('dragstart', (event) => {
      dragged = i;
      event.dataTransfer?.setData('text/plain', String(i));
      li.classList.add('dragging');
    });
    li.addEventListener('dragend', () => li.classList.remove('dragging'));
    li.addEventListener('dragover', (event) => event.preventDefault());
    li.addEventListener('drop', (event) => {
      event.preventDefault();
      if (dragged === null || dragged === i) return;
      // The story moves to the slot it was dropped on; those between shift by one, as in a list.
      const values = selects.map((s) => s.value);
      const [moved] = values.splice(dragged, 1);
      values.splice(i, 0, moved!);
      values.forEach((v, k) => {
        selects[k]!.value = v;
      });
      if (announce)
        announce.textContent = `${chosenHeadline(selects[i]!)} moved to ${slotLabel(li)}. Save the draft to keep it.`;
      dragged = null;
    });
  });
}

function enableFilter(form: HTMLElement) {
  const box = form.querySelector<HTMLElement>('[data-front-filter]');
  const input = form.querySelector<HTMLInputElement>('[data-front-filter-input]');
  if (!box || !input) return;
  box.hidden = false;
  input.addEventListener('input', () => {
    const words = input.value.trim().toLowerCase();
    for (const select of form.querySelectorAll<HTMLSelectElement>('[data-story-choice]')) {
      for (const option of select.options) {
        // The chosen story and the empty choice stay, so filtering never changes what is saved.
        option.hidden =
          Boolean(words) &&
          option.value !== '' &&
          !option.selected &&
          !option.text.toLowerCase().includes(words);
      }
    }
  });
}

const list = document.querySelector<HTMLElement>('[data-front-slots]');
if (list) {
  enableDrag(list, document.querySelector<HTMLElement>('[data-front-announce]'));
  const form = list.closest('form');
  if (form) enableFilter(form);
}
