// Sends a newsroom page: the admin shell around the body, for the person signed in, never cached anywhere.
// A message set with setFlash() before a redirect is shown once on the next page rendered.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderDocument } from '../../views/layout.js';
import { AdminLayout, type Flash } from '../views/admin-layout.js';
import { StaffZoneContext } from '../views/staff-time.js';

const FLASH_COOKIE = 'broadsheet_flash';

export interface AdminPage {
  title: string;
  body: ComponentChildren;
  flash?: Flash;
  /** HTTP status; 200 unless told (a form with errors answers 400). */
  status?: number;
  /** Extra bundles by entry name (scripts/build-assets.ts). */
  assets?: string[];
  narrow?: boolean;
}

export function renderAdmin(request: FastifyRequest, reply: FastifyReply, page: AdminPage): FastifyReply {
  const flash = page.flash ?? takeFlash(request, reply);
  const html = renderDocument(
    <AdminLayout
      staff={request.staff}
      title={page.title}
      csrfToken={request.csrfToken}
      flash={flash}
      outbox={request.server.adminShell.outbox}
      returnedToYou={request.returnedToYou}
      path={request.url.split('?')[0]}
      assets={page.assets}
      assetPath={request.server.assets.path}
      narrow={page.narrow}
    >
      <StaffZoneContext.Provider value={request.staffZone ?? { timeZone: 'UTC', language: 'en' }}>
        {page.body}
      </StaffZoneContext.Provider>
    </AdminLayout>,
  );
  return reply
    .code(page.status ?? 200)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Remembers a message for the page after a redirect (post, redirect, get). */
export function setFlash(reply: FastifyReply, flash: Flash): FastifyReply {
  return reply.setCookie(FLASH_COOKIE, JSON.stringify(flash), {
    path: '/admin',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    signed: true,
    maxAge: 60,
  });
}

function takeFlash(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/admin' });
  // Signed, so a crafted cookie cannot put words on a newsroom page.
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  try {
    const flash = JSON.parse(unsigned.value) as Flash;
    if ((flash.kind === 'ok' || flash.kind === 'error') && typeof flash.text === 'string') return flash;
  } catch {
    // An unreadable message is simply not shown.
  }
  return undefined;
}
