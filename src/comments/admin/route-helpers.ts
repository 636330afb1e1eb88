// What every moderation route reads the same way: the permission it declares, a comment id from the path,
// the staff member signed in, and the moderation screen to return to.
import type { FastifyRequest } from 'fastify';
import type { StaffMember } from '../../admin/guardian.js';
import { formText } from '../../admin/views/form.js';
import { NotFound } from '../../http/errors.js';
import type { CommentDeps } from '../comment-deps.js';

export interface AdminCommentOptions {
  deps: CommentDeps;
  /** The moderation script and style sheet (the built assets 'moderation.js' and 'moderation.css'). */
  scriptPath: string;
  stylePath: string;
}

export const EDITOR = { config: { permission: 'editor' as const } };
export const ADMIN = { config: { permission: 'admin' as const } };
export const PER_PAGE = 50;
export type IdParams = { Params: { id: string } };

export function idOf(raw: string): number {
  if (!/^[1-9]\d{0,11}$/.test(raw)) throw new NotFound('There is no such comment.');
  return Number(raw);
}

export function staffOf(request: FastifyRequest): StaffMember {
  // The permission hook has already refused anyone not signed in.
  return request.staff!;
}

/** Only a moderation screen may be the page to return to. */
export function backTo(body: unknown, fallback: string): string {
  const back = formText(body, 'back');
  // The query of a search comes back percent-encoded; none of these characters leaves the path.
  return /^\/admin\/comments(?:[/?][\w/?=&%+.~-]*)?$/.test(back) ? back : fallback;
}
