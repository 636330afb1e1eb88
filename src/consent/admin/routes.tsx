// The third-party tags screen's routes (admins only; the newsroom checks the form's CSRF token): show the
// tags, and save them, answering what was typed with each field's message when refused.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderAdmin, setFlash } from '../../admin/auth/render.js';
import { type DomainError, Invalid } from '../../http/errors.js';
import { type ConsentAdminDeps, changeConsentSettings } from '../change-consent-settings.js';
import { readConsentSettings } from '../settings.js';
import {
  type ConsentFormValues,
  formErrors,
  formToSettings,
  readConsentForm,
  settingsToForm,
} from './consent-form.js';
import { CONSENT_ADMIN_PATH, ConsentPage } from './consent-page.js';

const ADMIN = { config: { permission: 'admin' as const } };

export function consentAdminRoutes(deps: ConsentAdminDeps) {
  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: ConsentFormValues,
    error?: DomainError,
  ) {
    return renderAdmin(request, reply, {
      title: 'Third-party tags',
      status: error?.status,
      body: (
        <ConsentPage
          values={values ?? settingsToForm(await readConsentSettings(deps.db))}
          errors={error ? formErrors(error.fields) : undefined}
          message={error?.message}
          csrfToken={request.csrfToken}
        />
      ),
    });
  }

  return async function register(app: FastifyInstance): Promise<void> {
    app.get(CONSENT_ADMIN_PATH, ADMIN, (request, reply) => page(request, reply));

    app.post(CONSENT_ADMIN_PATH, ADMIN, async (request, reply) => {
      const values = readConsentForm(request.body);
      try {
        await changeConsentSettings(deps, request.staff!, formToSettings(values));
      } catch (error) {
        if (error instanceof Invalid) return page(request, reply, values, error);
        throw error;
      }
      setFlash(reply, { kind: 'ok', text: 'Tags saved. Readers are asked again from their next page.' });
      return reply.redirect(CONSENT_ADMIN_PATH, 303);
    });
  };
}
