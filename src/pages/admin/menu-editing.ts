// Changing a menu: add an item, move one up or down, remove one, or give the header back to every section.
// Each change is a whole new menu, validated like any settings document, so a bad item never reaches readers.
import type { Kysely } from 'kysely';
import { Invalid, NotFound } from '../../http/errors.js';
import {
  type MenuItem,
  type MenuName,
  type Menus,
  menuItemSchema,
  readMenus,
  saveMenus,
} from '../../site/menus.js';
import { listSections } from '../../site/sections.js';
import type { Database } from '../../storage/schema.js';

/** The items a menu shows now; a header never edited lists every section, which becomes its first items. */
export async function currentItems(db: Kysely<Database>, menus: Menus, name: MenuName): Promise<MenuItem[]> {
  if (name === 'footer') return menus.footer;
  if (menus.header) return menus.header;
  return (await listSections(db)).map((s) => ({ kind: 'section' as const, sectionId: s.id, label: '' }));
}

async function change(
  db: Kysely<Database>,
  name: MenuName,
  now: Date,
  edit: (items: MenuItem[]) => MenuItem[],
): Promise<MenuItem[]> {
  const menus = await readMenus(db);
  const items = edit([...(await currentItems(db, menus, name))]);
  const saved = await saveMenus(db, { ...menus, [name]: items }, now);
  return saved[name] ?? [];
}

/** The add form: `target` is section:<id>, page:<id> or url (with `url`), and an optional label. */
export function menuItemFromForm(fields: { target: string; url: string; label: string }): MenuItem {
  const [kind, id] = fields.target.split(':');
  const candidate =
    kind === 'section'
      ? { kind, sectionId: Number(id), label: fields.label }
      : kind === 'page'
        ? { kind, pageId: Number(id), label: fields.label }
        : { kind: 'url', url: fields.url, label: fields.label };
  const parsed = menuItemSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === 'url' ? 'url' : issue.path[0] === 'label' ? 'label' : 'target';
  const names: Record<string, string> = { url: 'Address', label: 'Label', target: 'Link to' };
  throw new Invalid('The item was not added.', { [field]: `${names[field]} ${issue.message}.` });
}

export function addMenuItem(db: Kysely<Database>, name: MenuName, item: MenuItem, now: Date) {
  return change(db, name, now, (items) => [...items, item]);
}

/** Moves an item one place; returns its new position. */
export async function moveMenuItem(
  db: Kysely<Database>,
  name: MenuName,
  index: number,
  direction: 'up' | 'down',
  now: Date,
): Promise<number> {
  let to = index;
  await change(db, name, now, (items) => {
    if (!items[index]) throw new NotFound('That menu has no such item.');
    to = direction === 'up' ? Math.max(0, index - 1) : Math.min(items.length - 1, index + 1);
    const [item] = items.splice(index, 1);
    items.splice(to, 0, item!);
    return items;
  });
  return to;
}

export function removeMenuItem(db: Kysely<Database>, name: MenuName, index: number, now: Date) {
  return change(db, name, now, (items) => {
    if (!items[index]) throw new NotFound('That menu has no such item.');
    return items.filter((_, i) => i !== index);
  });
}

/** The header lists every section again, new ones included. */
export async function resetHeader(db: Kysely<Database>, now: Date): Promise<void> {
  await saveMenus(db, { ...(await readMenus(db)), header: null }, now);
}
