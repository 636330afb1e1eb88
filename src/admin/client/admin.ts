// The newsroom shell's script: asks before destructive actions. Everything works without it.

// A form marked data-confirm="…" asks that question before it is sent (disabling someone, withdrawing…).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Moves focus to the page's message after a redirect, so screen readers announce what just happened.
const flash = document.querySelector<HTMLElement>('.flash');
if (flash) {
  flash.tabIndex = -1;
  flash.focus();
}
