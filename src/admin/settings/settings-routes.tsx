// Site settings for admins. Saving validates the whole document (each error beside its field, the typed
// values kept), then announces the change so cached pages and every instance's SiteState refresh.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { Invalid, NotFound } from '../../http/errors.js';
import { EVERYTHING } from '../../http/tagged-cache.js';
import { getMedia } from '../../media/library.js';
import { parseSiteSettings, readSiteSettings, saveSiteSettings } from '../../site/settings.js';
import type { ContentEvents } from '../../storage/content-events.js';
import type { Database } from '../../storage/schema.js';
import { renderAdmin, setFlash } from '../auth/render.js';
import { formErrors, formToSettings, readSettingsForm, settingsToForm } from './settings-form.js';
import { SettingsPage } from './settings-page.js';

export interface SettingsRouteOptions {
  db: Kysely<Database>;
  events: ContentEvents;
  clock: () => Date;
}

const admin = { config: { permission: 'admin' as const } };
const NOT_SAVED =
  'The settings were not saved. Please correct the marked fields; everything else you typed is kept.';

export function settingsRoutes(options: SettingsRouteOptions) {
  const { db, events, clock } = options;

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/settings', admin, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Settings',
        body: (
          <SettingsPage csrfToken={request.csrfToken} values={settingsToForm(await readSiteSettings(db))} />
        ),
      }),
    );

    app.post('/admin/settings', admin, async (request, reply) => {
      const values = readSettingsForm(request.body);
      const { input, errors } = formToSettings(values);
      // Every problem at once: the schema's on top of those found while reading the form.
      try {
        parseSiteSettings(input);
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        Object.assign(errors, { ...formErrors(error.fields), ...errors });
      }
      for (const name of ['logoMediaId', 'iconMediaId'] as const) {
        const id = input[name];
        if (typeof id !== 'number' || errors[name]) continue;
        await getMedia(db, id).catch((error: unknown) => {
          if (!(error instanceof NotFound)) throw error;
          errors[name] = 'There is no image with this number in the media library.';
        });
      }
      if (Object.keys(errors).length > 0) {
        return renderAdmin(request, reply, {
          title: 'Settings',
          status: 400,
          body: (
            <SettingsPage csrfToken={request.csrfToken} values={values} errors={errors} message={NOT_SAVED} />
          ),
        });
      }
      await saveSiteSettings(db, input, clock());
      await events.changed([EVERYTHING]);
      setFlash(reply, { kind: 'ok', text: 'Settings saved. The site shows them from now on.' });
      return reply.redirect('/admin/settings', 303);
    });
  };
}
