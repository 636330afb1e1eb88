// The sign-up form, the same for every reader (so the page around it stays cacheable): the lists to choose,
// the address, and the consent wording that is recorded with the confirmation. Plain HTML: no JavaScript.
import type { NewsletterList } from './lists.js';
import { CONSENT_WORDING, type SignupForm } from './signup.js';

export function NewsletterSignupForm(props: {
  lists: NewsletterList[];
  form: SignupForm;
  heading?: string;
  email?: string;
  chosen?: number[];
  errors?: Record<string, string>;
}) {
  const id = (name: string) => `newsletter-${props.form}-${name}`;
  const errors = props.errors ?? {};
  // With one list there is nothing to choose: it is sent along, checked.
  const single = props.lists.length === 1 ? props.lists[0] : undefined;
  return (
    <form method="post" action="/newsletters/subscribe" class="newsletter-signup">
      {props.heading && <h2 class="newsletter-signup-heading">{props.heading}</h2>}
      <input type="hidden" name="form" value={props.form} />
      {single ? (
        <>
          <input type="hidden" name="lists" value={String(single.id)} />
          <p>
            <strong>{single.name}</strong> ({single.frequency}). {single.description}
          </p>
        </>
      ) : (
        <fieldset {...(errors.lists ? { 'aria-describedby': id('lists-error') } : {})}>
          <legend>Choose your newsletters</legend>
          {props.lists.map((list) => (
            <div class="newsletter-choice">
              <input
                type="checkbox"
                name="lists"
                value={String(list.id)}
                id={id(`list-${list.id}`)}
                checked={props.chosen ? props.chosen.includes(list.id) : undefined}
              />
              <label for={id(`list-${list.id}`)}>
                <strong>{list.name}</strong> ({list.frequency})
                {list.description ? `: ${list.description}` : ''}
              </label>
            </div>
          ))}
          {errors.lists && (
            <p class="field-error" id={id('lists-error')}>
              {errors.lists}
            </p>
          )}
        </fieldset>
      )}
      <label for={id('email')}>Your email</label>
      <input
        id={id('email')}
        name="email"
        type="email"
        required
        autocomplete="email"
        maxLength={254}
        value={props.email ?? ''}
        {...(errors.email ? { 'aria-invalid': 'true', 'aria-describedby': id('email-error') } : {})}
      />
      {errors.email && (
        <p class="field-error" id={id('email-error')}>
          {errors.email}
        </p>
      )}
      <p class="newsletter-consent">{CONSENT_WORDING}</p>
      <button type="submit">Sign up</button>
    </form>
  );
}
