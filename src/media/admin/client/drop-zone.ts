// The upload form's drop zone: a file dropped on it becomes the chosen file, as if picked.

export function enableDropZone(zone: HTMLElement, input: HTMLInputElement, chosen: () => void): void {
  zone.classList.add('dropzone-active');
  for (const type of ['dragenter', 'dragover'] as const) {
    zone.addEventListener(type, (event) => {
      event.preventDefault();
      zone.classList.add('dropzone-over');
    });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('dropzone-over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dropzone-over');
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0) return;
    const one = new DataTransfer();
    one.items.add(files[0]!);
    input.files = one.files;
    chosen();
  });
}
