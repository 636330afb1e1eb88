// The menu editor at /admin/menus (editors and admins). A menu is on every page, so each change announces
// EVERYTHING: every cached page and the site context are dropped on every instance.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { formText } from '../../admin/views/form.js';
import { DomainError, NotFound } from '../../http/errors.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { MENU_NAMES, type MenuName, readMenus } from '../../site/menus.js';
import { listSections } from '../../site/sections.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import {
  addMenuItem,
  currentItems,
  menuItemFromForm,
  moveMenuItem,
  removeMenuItem,
  resetHeader,
} from './menu-editing.js';
import { type MenuDraft, MenusPage } from './menu-views.js';
import { listPages } from './page-store.js';

const editor = { config: { permission: 'editor' as const } };
type MenuParams = { Params: { menu: string } };
type ItemParams = { Params: { menu: string; index: string } };

function menuName(value: string): MenuName {
  if (!(MENU_NAMES as readonly string[]).includes(value)) throw new NotFound('There is no such menu.');
  return value as MenuName;
}

function itemIndex(value: string): number {
  if (!/^\d{1,2}$/.test(value)) throw new NotFound('That menu has no such item.');
  return Number(value);
}

export function menuAdminRoutes(options: { db: Kysely<Database>; events: ContentEvents; clock: () => Date }) {
  const { db, events, clock } = options;

  async function menusPage(request: FastifyRequest, reply: FastifyReply, draft?: MenuDraft, status = 200) {
    const [menus, sections, pages] = await Promise.all([readMenus(db), listSections(db), listPages(db)]);
    return renderAdmin(request, reply, {
      title: 'Menus',
      status,
      body: (
        <MenusPage
          csrfToken={request.csrfToken}
          header={await currentItems(db, menus, 'header')}
          headerEdited={menus.header !== null}
          footer={menus.footer}
          names={{
            sections: sections.map((s) => ({ id: s.id, name: s.name })),
            pages: pages.map((p) => ({ id: p.id, title: p.title, published: p.status === 'published' })),
          }}
          draft={draft}
        />
      ),
    });
  }

  async function changed(reply: FastifyReply, text: string, anchor: string) {
    await events.changed([EVERYTHING]);
    setFlash(reply, { kind: 'ok', text });
    return reply.redirect(`/admin/menus#${anchor}`, 303);
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/menus', editor, (request, reply) => menusPage(request, reply));

    app.post<MenuParams>('/admin/menus/:menu/items', editor, async (request, reply) => {
      const menu = menuName(request.params.menu);
      const values = {
        target: formText(request.body, 'target'),
        url: formText(request.body, 'url'),
        label: formText(request.body, 'label'),
      };
      let count: number;
      try {
        count = (await addMenuItem(db, menu, menuItemFromForm(values), clock())).length;
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 400) throw error;
        return menusPage(
          request,
          reply,
          { menu, values, errors: error.fields, message: error.message },
          error.status,
        );
      }
      return changed(reply, 'Added to the menu.', `${menu}-item-${count - 1}`);
    });

    app.post<ItemParams>('/admin/menus/:menu/items/:index/move', editor, async (request, reply) => {
      const menu = menuName(request.params.menu);
      const direction = formText(request.body, 'direction') === 'up' ? 'up' : 'down';
      const to = await moveMenuItem(db, menu, itemIndex(request.params.index), direction, clock());
      return changed(reply, 'Menu saved.', `${menu}-item-${to}`);
    });

    app.post<ItemParams>('/admin/menus/:menu/items/:index/remove', editor, async (request, reply) => {
      const menu = menuName(request.params.menu);
      await removeMenuItem(db, menu, itemIndex(request.params.index), clock());
      return changed(reply, 'Removed from the menu.', `menu-${menu}`);
    });

    app.post('/admin/menus/header/reset', editor, async (_request, reply) => {
      await resetHeader(db, clock());
      return changed(reply, 'The header lists every section.', 'menu-header');
    });
  };
}
