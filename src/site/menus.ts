// The header and footer menus: items that are a section, a static page or any web address, in the editor's
// order, stored as a section of the settings store. Without a header menu the header lists every section, as
// a new site should; the footer starts with support, about, corrections and privacy.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { parseOrInvalid } from '../http/validation.js';
import type { Database } from '../storage/schema.js';
import { readSettings, saveSettings, settingsSection } from '../storage/settings-store.js';
import { safeLink } from '../views/safe-link.js';

export const MENU_NAMES = ['header', 'footer'] as const;
export type MenuName = (typeof MENU_NAMES)[number];
export const MAX_MENU_ITEMS = 30;

const label = z.string().trim().max(60, 'must be at most 60 characters');

/** Only web addresses and this site's own paths: a javascript: or data: link never reaches a menu. */
const menuUrl = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(500)
  .transform((value, context) => {
    const link = safeLink(value, ['web', 'site', 'mail']);
    if (!link) {
      context.addIssue({
        code: 'custom',
        message: 'must be a web address (https://…) or a path such as /about',
      });
      return z.NEVER;
    }
    return link.href;
  });

export const menuItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('section'), sectionId: z.number().int().positive(), label: label.default('') }),
  z.object({ kind: z.literal('page'), pageId: z.number().int().positive(), label: label.default('') }),
  z.object({ kind: z.literal('url'), url: menuUrl, label: label.min(1, 'is required') }),
]);
export type MenuItem = z.infer<typeof menuItemSchema>;

const DEFAULT_FOOTER: MenuItem[] = [
  { kind: 'url', url: '/support', label: 'Donate' },
  { kind: 'url', url: '/about', label: 'About' },
  { kind: 'url', url: '/corrections', label: 'Corrections' },
  { kind: 'url', url: '/privacy', label: 'Privacy' },
];

export const menusSchema = z.object({
  // null: every section, in the sections' own order.
  header: z.array(menuItemSchema).max(MAX_MENU_ITEMS).nullable().default(null),
  footer: z.array(menuItemSchema).max(MAX_MENU_ITEMS).default(DEFAULT_FOOTER),
});
export type Menus = z.infer<typeof menusSchema>;

export const menusSection = settingsSection<Menus>({
  key: 'menus',
  defaults: menusSchema.parse({}),
  parse: (input) => parseOrInvalid(menusSchema, input, 'The menu was not saved.'),
});

export function readMenus(db: Kysely<Database>): Promise<Menus> {
  return readSettings(db, menusSection);
}

export function saveMenus(db: Kysely<Database>, menus: Menus, now: Date): Promise<Menus> {
  return saveSettings(db, menusSection, menus, now);
}

/** What a menu item links to, as the shell draws it; items whose section or page is gone are left out. */
export interface ResolvedLink {
  key: string;
  href: string;
  label: string;
}

export interface MenuTargets {
  sections: ReadonlyMap<number, { slug: string; name: string; path: string }>;
  /** Published pages only: a draft's address would answer "not found". */
  pages: ReadonlyMap<number, { slug: string; title: string; path: string }>;
}

export function resolveMenu(items: readonly MenuItem[], targets: MenuTargets): ResolvedLink[] {
  const links: ResolvedLink[] = [];
  for (const item of items) {
    if (item.kind === 'section') {
      const section = targets.sections.get(item.sectionId);
      if (section) links.push({ key: section.slug, href: section.path, label: item.label || section.name });
    } else if (item.kind === 'page') {
      const page = targets.pages.get(item.pageId);
      if (page) links.push({ key: `page:${page.slug}`, href: page.path, label: item.label || page.title });
    } else {
      links.push({ key: item.url, href: item.url, label: item.label });
    }
  }
  return links;
}
