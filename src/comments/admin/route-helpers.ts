// What every moderation route reads the same way: the permission it declares, a comment id from the path,
// the staff member signed in, and the moderation screen to return to.
import type { FastifyRequest } from 'fastify';
import type { StaffMember } from '../../admin/guardian.js';
import { newsroomPath } from '../../admin/safe-return.js';
import { formText } from '../../admin/views/form.js';
import { idParam } from '../../http/request-params.js';
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
  return idParam(raw, 'There is no such comment.');
}

export function staffOf(request: FastifyRequest): StaffMember {
  // The permission hook has already refused anyone not signed in.
  return request.staff!;
}

/** Only a moderation screen may be the page to return to. */
export function backTo(body: unknown, fallback: string): string {
  return newsroomPath(formText(body, 'back'), '/admin/comments') ?? fallback;
}
