// One action on one thing (withdraw, disable, restore, move) as a button that posts: a small form carrying
// the session's CSRF token, so it works without JavaScript; with admin.js, data-confirm asks first.
import type { ComponentChildren } from 'preact';
import { CsrfField } from './admin-layout.js';

export function PostButton(props: {
  action: string;
  csrfToken: string;
  /** The button's text. */
  children: ComponentChildren;
  kind?: 'secondary' | 'danger';
  /** Asked before the form is sent. */
  confirm?: string;
  /** Sent along, such as which way to move. */
  fields?: Record<string, string>;
  /** The button's accessible name, when its text alone says too little ("↑ Up"). */
  label?: string;
  /** On a line with what is beside it (the default), or as a block. */
  inline?: boolean;
}) {
  return (
    <form
      method="post"
      action={props.action}
      class={props.inline === false ? undefined : 'inline-form'}
      data-confirm={props.confirm}
    >
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={props.kind} aria-label={props.label}>
        {props.children}
      </button>
    </form>
  );
}
