// The upload form, sent in place: the file's size checked before a byte is sent, progress while it goes,
// and the server's answer (each error beside its field, or the new image) without losing anything typed.
import { enableDropZone } from './drop-zone.js';
import { fieldError, summary } from './form-messages.js';

const MB = 1024 * 1024;

function tooLarge(bytes: number, limit: number): string {
  return `That file is ${Math.round(bytes / MB)} MB; the limit is ${Math.round(limit / MB)} MB.`;
}

export function enhanceUpload(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  const zone = form.querySelector<HTMLElement>('[data-dropzone]');
  const chosen = form.querySelector<HTMLElement>('[data-chosen]');
  const progressBox = form.querySelector<HTMLElement>('[data-progress]');
  const bar = progressBox?.querySelector('progress');
  const label = progressBox?.querySelector('span');
  const messageBox = document.querySelector<HTMLElement>('[data-upload-message]');
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  const limit = Number(form.dataset.maxBytes);
  if (!input || !zone) return;

  // The size is known before a byte is sent: say so at once instead of uploading 50 MB to be refused.
  const checkFile = (): boolean => {
    const file = input.files?.[0];
    if (chosen) chosen.textContent = file ? `Chosen: ${file.name} (${(file.size / MB).toFixed(1)} MB)` : '';
    const problem = file && file.size > limit ? tooLarge(file.size, limit) : null;
    fieldError(form, 'file', problem);
    return problem === null;
  };
  input.addEventListener('change', checkFile);

  enableDropZone(zone, input, checkFile);

  const showProgress = (percent: number | null, text: string) => {
    if (!progressBox || !bar || !label) return;
    progressBox.hidden = false;
    if (percent === null) bar.removeAttribute('value');
    else bar.value = percent;
    label.textContent = text;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!checkFile()) {
      summary(messageBox, 'The image was not added.', { file: tooLarge(input.files![0]!.size, limit) });
      return;
    }
    // XMLHttpRequest, not fetch: only it reports how much of a request body has been sent.
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.setRequestHeader('accept', 'application/json');
    request.responseType = 'json';
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable)
        showProgress(
          Math.round((e.loaded / e.total) * 100),
          `Uploading… ${Math.round((e.loaded / e.total) * 100)}%`,
        );
    });
    request.upload.addEventListener('load', () => showProgress(null, 'Making the sizes readers download…'));
    const finish = () => {
      if (button) button.disabled = false;
    };
    request.addEventListener('load', () => {
      finish();
      const body = request.response as {
        location?: string;
        error?: { message?: string; fields?: Record<string, string> };
      } | null;
      if (request.status === 201 && body?.location) {
        window.location.assign(body.location);
        return;
      }
      if (progressBox) progressBox.hidden = true;
      const fields = body?.error?.fields ?? {};
      for (const control of form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')) {
        const name = control.id.replace(/^f-/, '');
        if (!(name in fields)) fieldError(form, name, null);
      }
      // The server names each field in its messages ("Alt text is required…").
      for (const [name, text] of Object.entries(fields)) fieldError(form, name, text);
      summary(
        messageBox,
        body?.error?.message ??
          `The upload failed (${request.status}). Nothing you typed is lost; try again.`,
        fields,
      );
    });
    request.addEventListener('error', () => {
      finish();
      if (progressBox) progressBox.hidden = true;
      summary(
        messageBox,
        'The upload did not reach the newsroom. Check the connection and try again; nothing you typed is lost.',
      );
    });
    if (button) button.disabled = true;
    showProgress(0, 'Uploading… 0%');
    request.send(new FormData(form));
  });
}
