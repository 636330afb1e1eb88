// Messages on the upload form without a reload: an error beside its field (wired for screen readers as the
// server's own page does) and the summary at the top, focused so it is read out.
export function fieldError(form: HTMLFormElement, name: string, message: string | null): void {
  const control = form.querySelector<HTMLElement>(`#f-${CSS.escape(name)}`);
  if (!control) return;
  const id = `f-${name}-error`;
  let note = form.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
  const describedBy = (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter((t) => t && t !== id);
  if (message === null) {
    note?.remove();
    control.removeAttribute('aria-invalid');
    control.setAttribute('aria-describedby', describedBy.join(' '));
    return;
  }
  if (!note) {
    note = document.createElement('p');
    note.className = 'field-error';
    note.id = id;
    control.closest('.field')?.append(note);
  }
  note.textContent = message;
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', [...describedBy, id].join(' '));
}

export function summary(
  box: HTMLElement | null,
  message: string | null,
  fields: Record<string, string> = {},
): void {
  if (!box) return;
  box.replaceChildren();
  if (message === null) return;
  const alert = document.createElement('div');
  alert.className = 'flash flash-error';
  alert.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  alert.append(text);
  const entries = Object.entries(fields);
  if (entries.length > 0) {
    const list = document.createElement('ul');
    for (const [name, error] of entries) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#f-${name}`;
      link.textContent = error;
      item.append(link);
      list.append(item);
    }
    alert.append(list);
  }
  box.append(alert);
  alert.tabIndex = -1;
  alert.focus();
}
