// The newsroom's donation settings screen: the form as stored, and saving it (the form again with a message
// on each wrong field, or the settings in use on the site from the next page served).
import type { FastifyInstance } from 'fastify';
import { renderAdmin } from '../../admin/auth/render.js';
import { readRevenueSettings, saveRevenueSettings } from '../settings.js';
import { adminOnly, saving } from './admin-replies.js';
import type { RevenueAdminOptions } from './routes.js';
import { formToSettings, readSettingsForm, settingsToForm } from './settings-form.js';
import { RevenueSettingsPage } from './settings-page.js';

export function settingsRoutes(options: RevenueAdminOptions) {
  const { db, clock } = options;
  const webhookUrl = `${options.publicUrl}/stripe/webhook`;
  return async function register(app: FastifyInstance): Promise<void> {
    app.get('/admin/donations/settings', adminOnly, async (request, reply) =>
      renderAdmin(request, reply, {
        title: 'Donation settings',
        body: (
          <RevenueSettingsPage
            csrfToken={request.csrfToken}
            values={settingsToForm(await readRevenueSettings(db))}
            inEffect={await options.choice.current()}
            webhookUrl={webhookUrl}
          />
        ),
      }),
    );

    app.post('/admin/donations/settings', adminOnly, async (request, reply) => {
      const values = readSettingsForm(request.body);
      return saving(
        reply,
        options.events,
        () => saveRevenueSettings(db, formToSettings(values), clock()),
        async (error) =>
          renderAdmin(request, reply, {
            title: 'Donation settings',
            status: error.status,
            body: (
              <RevenueSettingsPage
                csrfToken={request.csrfToken}
                values={values}
                errors={error.fields}
                message={error.message}
                inEffect={await options.choice.current()}
                webhookUrl={webhookUrl}
              />
            ),
          }),
        {
          text: 'Donation settings saved. The site shows them from now on.',
          to: '/admin/donations/settings',
        },
      );
    });
  };
}
