// The comment settings screen's routes: showing the settings with the bans, saving them (what was typed
// comes back with each field's message when refused), and lifting a ban. An editor's form has no spam
// checker fields (only an admin may change them): a form without them keeps the stored checker.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { hasRole } from '../../admin/guardian.js';
import { type DomainError, Invalid } from '../../http/errors.js';
import { readCommentSettings } from '../settings.js';
import { bansForList, liftBan } from './bans.js';
import { changeCommentSettings } from './change-settings.js';
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
          canChangeChecker={hasRole(staffOf(request), 'admin')}
          checkerChange={settings.checkerChange}
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
      const current = await readCommentSettings(db);
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (!('akismetUrl' in body) && !('akismetKey' in body)) values.akismetUrl = current.akismetUrl;
      try {
        await changeCommentSettings(deps, staffOf(request), formToSettings(values, current));
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
