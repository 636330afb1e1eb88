// The autosave request: the whole form (as a plain post would send it, marked as an autosave) posted to the
// article, asking for JSON; and the answer as the server gives it, or nothing when it is not JSON.

/** The form as the autosave sends it: every field but the button pressed, marked as an autosave. */
export function autosavePayload(form: HTMLFormElement): string {
  const body = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (typeof value === 'string' && name !== 'intent') body.append(name, value);
  }
  body.set('autosave', '1');
  return body.toString();
}

/** Posts it; `leaving` keeps the request alive after the page is gone. */
export function postAutosave(
  form: HTMLFormElement,
  articleId: string,
  payload: string,
  leaving: boolean,
): Promise<Response> {
  return fetch(articleId ? `/admin/articles/${articleId}` : '/admin/articles', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'x-csrf-token': (form.elements.namedItem('_csrf') as HTMLInputElement).value,
    },
    body: payload,
    credentials: 'same-origin',
    keepalive: leaving,
  });
}

export interface SaveAnswer {
  id?: number;
  version?: number;
  savedAt?: string;
  error?: {
    message?: string;
    fields?: Record<string, string>;
    current?: { savedByYou?: boolean; savedAt?: string | null };
  };
}

export async function readAnswer(response: Response): Promise<SaveAnswer> {
  return (await response.json().catch(() => ({}))) as SaveAnswer;
}
