// What a browser sends Broadsheet over real HTTP, through a proxy or to one instance: signing in to the
// newsroom, the article form, a reader's comment. Shared by the proxy test and the soak benchmark.
import type { Answer, RequestOptions } from './https-client.js';

/** A request to one site (nginx, or an instance), by path. */
export type Sender = (path: string, options?: RequestOptions) => Promise<Answer>;

export interface Staff {
  cookie: string;
  csrf: string;
}

export const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Signs in through the form, then reads the CSRF token from the newsroom's home page; throws when refused. */
export async function signInOver(
  via: Sender,
  origin: string,
  email: string,
  password: string,
): Promise<Staff> {
  const answer = await via('/admin/sign-in', {
    method: 'POST',
    headers: { origin, 'content-type': FORM_TYPE },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = ([] as string[])
    .concat(answer.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('broadsheet_staff='));
  if (answer.status !== 303 || !cookie)
    throw new Error(`sign-in refused: ${answer.status} ${answer.text.slice(0, 300)}`);
  const home = await via('/admin', { headers: { cookie } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1];
  if (!csrf) throw new Error(`no CSRF token on the newsroom's home page (${home.status})`);
  return { cookie, csrf };
}

/** A newsroom form post: the session, its CSRF token, and our origin. */
export function postAsStaff(
  via: Sender,
  origin: string,
  who: Staff,
  path: string,
  fields: Record<string, string>,
): Promise<Answer> {
  return via(path, {
    method: 'POST',
    headers: { origin, cookie: who.cookie, 'content-type': FORM_TYPE },
    body: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(),
  });
}

/** The version the edit page would save over (its hidden baseVersion), or undefined when it did not answer. */
export async function baseVersionOf(via: Sender, who: Staff, id: number): Promise<string | undefined> {
  const page = await via(`/admin/articles/${id}`, { headers: { cookie: who.cookie } });
  return page.status === 200 ? /name="baseVersion" value="(\d+)"/.exec(page.text)?.[1] : undefined;
}

/** The article form's fields as the plain form (no JavaScript) sends them. */
export function articleFormFields(article: {
  headline: string;
  sectionId: number;
  authorId: number;
  heroMediaId?: number;
  slug?: string;
}): Record<string, string> {
  return {
    headline: article.headline,
    dek: 'What the harbour office decided, and what it means for the town.',
    slug: article.slug ?? '',
    sectionId: String(article.sectionId),
    workType: 'news',
    dateline: 'HARBOUR',
    heroMediaId: article.heroMediaId === undefined ? '' : String(article.heroMediaId),
    tags: 'Transport',
    bodyFormat: 'text',
    bodyText: 'The first ferry leaves at six.\n\nThe last one at ten.',
    body: '',
    authorIds: String(article.authorId),
  };
}

/** The form island's token for an article's comment form, or undefined when it did not answer. */
export async function commentFormToken(via: Sender, slug: string): Promise<string | undefined> {
  const answer = await via(`/articles/${slug}/comments/form-token`, {
    headers: { accept: 'application/json' },
  });
  return answer.status === 200 ? (JSON.parse(answer.text) as { token: string }).token : undefined;
}

/** A reader's comment as the form island posts it (JSON back), `options` adding the reader's address or headers. */
export function postComment(
  via: Sender,
  origin: string,
  slug: string,
  comment: { token: string; text: string; label: string },
  options: RequestOptions = {},
): Promise<Answer> {
  return via(`/articles/${slug}/comments`, {
    ...options,
    method: 'POST',
    headers: { origin, accept: 'application/json', 'content-type': FORM_TYPE, ...options.headers },
    body: new URLSearchParams({
      comment: comment.text,
      name: `Reader ${comment.label}`,
      email: `reader-${comment.label}@example.org`,
      url: '',
      parent: '',
      t: comment.token,
      comment_title: '',
    }).toString(),
  });
}
