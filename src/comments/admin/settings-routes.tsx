// The comment settings screen's routes: showing the settings with the bans, saving them (what was typed
// comes back with each field's message when refused), and lifting a ban.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { type DomainError, Invalid } from '../../http/errors.js';
import { changeCommentSettings, readCommentSettings } from '../settings.js';
import { bansForList, liftBan } from './bans.js';
import { type AdminCommentOptions, EDITOR, type IdParams, idOf, staffOf } from './route-helpers.js';
import {
  formToSettings,
  readSettingsForm,
  type SettingsFormValues,
  settingsToForm,
} from './settings-form.js';
import { SettingsPage } from './settings-page.js';

export function settingsRoutes(options: AdminCommentOptions) {
  const { deps } = options;
  const { db } = deps;

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: SettingsFormValues,
    error?: DomainError,
  ) {
    const [settings, bans] = await Promise.all([readCommentSettings(db), bansForList(db)]);
    return renderAdmin(request, reply, {
      title: 'Comment settings',
      status: error?.status,
      body: (
        <SettingsPage
          values={values ?? settingsToForm(settings)}
          keyStored={Boolean(settings.akismetKey)}
          errors={error?.fields}
          message={error?.message}
          bans={bans}
          csrfToken={request.csrfToken}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/comments/settings', EDITOR, (request, reply) => settingsPage(request, reply));

    app.post('/admin/comments/settings', EDITOR, async (request, reply) => {
      const values = readSettingsForm(request.body);
      try {
        await changeCommentSettings(deps, formToSettings(values, await readCommentSettings(db)));
      } catch (error) {
        // The checker's key is never sent back to a browser, not even the one just typed.
        if (error instanceof Invalid)
          return settingsPage(request, reply, { ...values, akismetKey: '' }, error);
        throw error;
      }
      setFlash(reply, { kind: 'ok', text: 'Comment settings saved.' });
      return reply.redirect('/admin/comments/settings', 303);
    });

    app.post<IdParams>('/admin/comments/bans/:id/lift', EDITOR, async (request, reply) => {
      await liftBan(deps, staffOf(request), idOf(request.params.id));
      setFlash(reply, { kind: 'ok', text: 'The ban was lifted.' });
      return reply.redirect('/admin/comments/settings', 303);
    });
  };
}
