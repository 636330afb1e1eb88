// The menu editor: each menu's items in order with buttons to move and remove them (keyboard and no-script
// friendly: every action is a small form), and a form to add a section, a page or any web address.
import { CsrfField } from '../../admin/views/admin-layout.js';
import { ErrorSummary, Field } from '../../admin/views/form.js';
import { PostButton } from '../../admin/views/post-button.js';
import type { FieldErrors } from '../../http/errors.js';
import type { MenuItem, MenuName } from '../../site/menus.js';

export interface MenuTargetNames {
  sections: Array<{ id: number; name: string }>;
  pages: Array<{ id: number; title: string; published: boolean }>;
}

export interface MenuDraft {
  menu: MenuName;
  values: { target: string; url: string; label: string };
  errors?: FieldErrors;
  message?: string;
}

const TITLES: Record<MenuName, string> = { header: 'Header menu', footer: 'Footer menu' };

function describe(item: MenuItem, names: MenuTargetNames): { label: string; target: string } {
  if (item.kind === 'section') {
    const section = names.sections.find((s) => s.id === item.sectionId);
    return { label: item.label || section?.name || '(removed section)', target: 'Section' };
  }
  if (item.kind === 'page') {
    const page = names.pages.find((p) => p.id === item.pageId);
    const state = page && !page.published ? ' (not published: hidden)' : '';
    return { label: item.label || page?.title || '(removed page)', target: `Page${state}` };
  }
  return { label: item.label, target: item.url };
}

function MenuList(props: {
  csrfToken: string;
  menu: MenuName;
  items: MenuItem[];
  names: MenuTargetNames;
  edited: boolean;
  draft?: MenuDraft;
}) {
  const { menu, items, csrfToken } = props;
  const draft = props.draft?.menu === menu ? props.draft : undefined;
  const values = draft?.values ?? { target: 'url', url: '', label: '' };
  const prefix = `/admin/menus/${menu}`;
  return (
    <section class="menu-editor" aria-labelledby={`menu-${menu}`}>
      <h2 id={`menu-${menu}`}>{TITLES[menu]}</h2>
      {menu === 'header' && !props.edited && (
        <p class="hint">Not edited yet: the header lists every section in the sections' order.</p>
      )}
      {items.length === 0 ? (
        <p>This menu is empty.</p>
      ) : (
        <ol class="menu-items">
          {items.map((item, index) => {
            const { label, target } = describe(item, props.names);
            return (
              <li id={`${menu}-item-${index}`} tabindex={-1}>
                <span class="menu-item-label">{label}</span> <span class="hint">{target}</span>{' '}
                {index > 0 && (
                  <PostButton
                    action={`${prefix}/items/${index}/move`}
                    csrfToken={csrfToken}
                    fields={{ direction: 'up' }}
                    kind="secondary"
                    label={`Move ${label} up`}
                  >
                    ↑ Up
                  </PostButton>
                )}
                {index < items.length - 1 && (
                  <PostButton
                    action={`${prefix}/items/${index}/move`}
                    csrfToken={csrfToken}
                    fields={{ direction: 'down' }}
                    kind="secondary"
                    label={`Move ${label} down`}
                  >
                    ↓ Down
                  </PostButton>
                )}
                <PostButton
                  action={`${prefix}/items/${index}/remove`}
                  csrfToken={csrfToken}
                  kind="danger"
                  label={`Remove ${label}`}
                >
                  Remove
                </PostButton>
              </li>
            );
          })}
        </ol>
      )}
      {menu === 'header' && props.edited && (
        <PostButton action="/admin/menus/header/reset" csrfToken={csrfToken} kind="secondary">
          List every section instead
        </PostButton>
      )}
      <form method="post" action={`${prefix}/items`} class="menu-add" novalidate>
        <h3>Add to the {menu}</h3>
        {draft && <ErrorSummary message={draft.message} errors={draft.errors} />}
        <CsrfField token={csrfToken} />
        <Field
          name="target"
          label="Link to"
          value={values.target}
          errors={draft?.errors}
          options={[
            ['url', 'A web address (below)'],
            ...props.names.sections.map((s): [string, string] => [`section:${s.id}`, `Section: ${s.name}`]),
            ...props.names.pages.map((p): [string, string] => [`page:${p.id}`, `Page: ${p.title}`]),
          ]}
        />
        <Field
          name="url"
          label="Address"
          value={values.url}
          errors={draft?.errors}
          hint="For a web address: https://… or a path on this site such as /support."
        />
        <Field
          name="label"
          label="Label"
          value={values.label}
          errors={draft?.errors}
          maxLength={60}
          hint="What readers see; a section's or page's own name when left empty."
        />
        <button type="submit">Add</button>
      </form>
    </section>
  );
}

export function MenusPage(props: {
  csrfToken: string;
  header: MenuItem[];
  headerEdited: boolean;
  footer: MenuItem[];
  names: MenuTargetNames;
  draft?: MenuDraft;
}) {
  return (
    <>
      <h1>Menus</h1>
      <p>
        What the site's header and footer link to. On a phone the header folds behind a menu button. A change
        shows on every page at once.
      </p>
      <MenuList
        csrfToken={props.csrfToken}
        menu="header"
        items={props.header}
        names={props.names}
        edited={props.headerEdited}
        draft={props.draft}
      />
      <MenuList
        csrfToken={props.csrfToken}
        menu="footer"
        items={props.footer}
        names={props.names}
        edited
        draft={props.draft}
      />
    </>
  );
}
