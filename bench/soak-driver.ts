// The soak's writers, through nginx as browsers send it: editors publishing and editing articles (the newsroom's
// HTTP routes, signed in), readers posting comments and donating (the Stripe stand-in completes each checkout
// and its webhook comes back through nginx). Each lane writes down what got a success answer, so that the end
// can check the database holds every one of them, and counts every other answer and every socket error.
import { randomBytes } from 'node:crypto';
import {
  articleFormFields,
  baseVersionOf,
  commentFormToken,
  FORM_TYPE,
  postAsStaff,
  postComment,
  type Sender,
  type Staff,
  signInOver,
} from '../test/support/forms-over-http.js';
import { send } from '../test/support/https-client.js';
import type { StripeStandin } from '../test/support/stripe-standin.js';

export interface Site {
  publicUrl: string;
  certificate: string;
}

export interface Tally {
  /** Answers that were neither 2xx nor 3xx, by kind of request and status. */
  failures: Map<string, number>;
  socketErrors: Map<string, number>;
  attempts: Map<string, number>;
}

export interface Accepted {
  comments: { id: number; body: string }[];
  /** Checkout Session ids whose webhooks were all answered 2xx. */
  donations: string[];
  /** Each article's last headline saved with a success answer, by id. */
  headlines: Map<number, string>;
  published: number;
  edits: number;
}

export function newTally(): Tally {
  return { failures: new Map(), socketErrors: new Map(), attempts: new Map() };
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** A request through nginx, counted under `kind`; a socket error is counted and thrown. */
function counted(site: Site, tally: Tally, kind: string): Sender {
  return async (path, options = {}) => {
    bump(tally.attempts, kind);
    try {
      const answer = await send(`${site.publicUrl}${path}`, { ca: site.certificate, ...options });
      if (answer.status >= 400) bump(tally.failures, `${kind} ${answer.status}`);
      return answer;
    } catch (error) {
      bump(
        tally.socketErrors,
        `${kind} ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
      throw error;
    }
  };
}

/** The answer, or null when the socket failed (counted already: nothing was answered, nothing promised). */
const orNull = <T>(request: Promise<T>): Promise<T | null> => request.catch(() => null);

let addressCounter = 0;
/** A reader's address of its own (127.20.0.1 onwards): limits per reader hold each one, not the soak. */
function nextReaderAddress(): string {
  const n = addressCounter++;
  return `127.${20 + Math.floor(n / 65_000)}.${Math.floor((n % 65_000) / 250)}.${(n % 250) + 1}`;
}

export function signIn(site: Site, email: string, password: string): Promise<Staff> {
  const via: Sender = (path, options = {}) =>
    send(`${site.publicUrl}${path}`, { ca: site.certificate, ...options });
  return signInOver(via, site.publicUrl, email, password);
}

export interface EditorOptions {
  sectionId: number;
  authorId: number;
  /** Articles this editor publishes first, then edits in turn. */
  articles: number;
  label: string;
}

/** Publishes `articles` new ones, then edits them one after another (a new headline each time) until `until`. */
export async function editorLane(
  site: Site,
  who: Staff,
  options: EditorOptions,
  until: () => boolean,
  tally: Tally,
  accepted: Accepted,
): Promise<void> {
  const fields = (headline: string, slug: string) =>
    articleFormFields({ headline, slug, sectionId: options.sectionId, authorId: options.authorId });
  const post = (kind: string, path: string, body: Record<string, string>) =>
    orNull(postAsStaff(counted(site, tally, kind), site.publicUrl, who, path, body));
  const baseVersion = (id: number) => orNull(baseVersionOf(counted(site, tally, 'edit page'), who, id));

  const mine: { id: number; slug: string }[] = [];
  for (let n = 0; n < options.articles && !until(); n++) {
    const slug = `soak-${options.label}-${n}-${randomBytes(3).toString('hex')}`;
    const headline = `Soak ${options.label} ${n}: the council votes`;
    const created = await post('create article', '/admin/articles', fields(headline, slug));
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(String(created?.headers.location ?? ''))?.[1]);
    if (created?.status !== 303 || !id) continue;
    const version = await baseVersion(id);
    if (!version) continue;
    const published = await post('publish', `/admin/articles/${id}/publish`, {
      ...fields(headline, slug),
      baseVersion: version,
    });
    if (published?.status === 303) {
      accepted.published++;
      accepted.headlines.set(id, headline);
      mine.push({ id, slug });
    }
  }
  for (let edit = 1; !until() && mine.length > 0; edit++) {
    const article = mine[edit % mine.length]!;
    const version = await baseVersion(article.id);
    if (!version) continue;
    const headline = `Soak ${options.label}: the council votes, edit ${edit}`;
    const saved = await post('edit', `/admin/articles/${article.id}`, {
      ...fields(headline, article.slug),
      baseVersion: version,
    });
    if (saved?.status === 303) {
      accepted.edits++;
      accepted.headlines.set(article.id, headline);
    }
  }
}

/** Readers posting comments on `slugs`, each from an address and with an email of their own. */
export async function commentLane(
  site: Site,
  slugs: string[],
  until: () => boolean,
  tally: Tally,
  accepted: Accepted,
): Promise<void> {
  const tokens = new Map<string, string>();
  for (let n = 0; !until(); n++) {
    const slug = slugs[n % slugs.length]!;
    if (!tokens.has(slug)) {
      const token = await orNull(commentFormToken(counted(site, tally, 'form token'), slug));
      if (!token) continue;
      tokens.set(slug, token);
    }
    const label = randomBytes(6).toString('hex');
    const text = `Soak comment ${label}: the vote should be taken again.`;
    const answer = await orNull(
      postComment(
        counted(site, tally, 'comment'),
        site.publicUrl,
        slug,
        { token: tokens.get(slug)!, text, label },
        { from: nextReaderAddress() },
      ),
    );
    if (answer && (answer.status === 201 || answer.status === 202)) {
      accepted.comments.push({ id: (JSON.parse(answer.text) as { id: number }).id, body: text });
    }
  }
}

/**
 * Readers donating: the support form through nginx, the payment at the stand-in, and its webhook back through
 * nginx (delivered by the stand-in to `standin.deliverTo`). A donation counts as accepted when the form was
 * answered with the payment page and every webhook with 2xx.
 */
export async function donationLane(
  site: Site,
  standin: StripeStandin,
  until: () => boolean,
  tally: Tally,
  accepted: Accepted,
): Promise<void> {
  while (!until()) {
    const tag = randomBytes(6).toString('hex');
    const answer = await orNull(
      counted(
        site,
        tally,
        'donation form',
      )('/support', {
        method: 'POST',
        from: nextReaderAddress(),
        headers: { origin: site.publicUrl, 'content-type': FORM_TYPE },
        body: new URLSearchParams({
          interval: 'once',
          amount: '2500',
          name: `Donor ${tag}`,
          email: `donor-${tag}@example.org`,
        }).toString(),
      }),
    );
    const session = /\/c\/pay\/(cs_\w+)/.exec(String(answer?.headers.location ?? ''))?.[1];
    if (answer?.status !== 303 || !session) continue;
    const results = await standin.deliverAll(standin.world.completeCheckout(session)).catch(() => null);
    if (results?.every((r) => r.status >= 200 && r.status < 300)) accepted.donations.push(session);
  }
}

/** Where the stand-in sends its webhooks: through nginx, counted like every other request. */
export function webhooksThrough(site: Site, tally: Tally): StripeStandin['deliverTo'] {
  return async (payload, headers) => {
    const answer = await orNull(
      counted(site, tally, 'webhook')('/stripe/webhook', { method: 'POST', headers, body: payload }),
    );
    return answer ? { status: answer.status, body: answer.text } : { status: 0, body: 'socket error' };
  };
}
