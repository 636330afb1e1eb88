// Every permission question the newsroom asks, as one named predicate. Routes ask these; templates may
// use them to hide what a person cannot do, but the server check is the one that counts.

export type StaffRole = 'contributor' | 'editor' | 'admin';

export interface StaffMember {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  /** The public author profile this person writes as, if any. */
  authorId: number | null;
}

const RANK: Record<StaffRole, number> = { contributor: 1, editor: 2, admin: 3 };

export function hasRole(staff: Pick<StaffMember, 'role'>, least: StaffRole): boolean {
  return RANK[staff.role] >= RANK[least];
}

/**
 * Editors and admins edit any article; a contributor only the drafts they created. Once submitted, the
 * article is the editor's to read: its writer may read it, or take it back (canWithdrawFromReview), but
 * not change it under the editor's eyes.
 */
export function canEditArticle(
  staff: StaffMember,
  article: { createdBy: number | null; status: string },
): boolean {
  if (hasRole(staff, 'editor')) return true;
  return article.createdBy === staff.id && article.status === 'draft';
}

/** Taking a submitted article back to draft: its writer (as in WordPress), and editors. */
export function canWithdrawFromReview(
  staff: StaffMember,
  article: { createdBy: number | null; status: string },
): boolean {
  if (article.status !== 'review') return false;
  return hasRole(staff, 'editor') || article.createdBy === staff.id;
}

/** Returning a submitted article to its writer with notes: whoever may publish it. */
export function canReturnToWriter(staff: StaffMember): boolean {
  return canPublish(staff);
}

/** Putting other people's names on a byline: editors and admins. A contributor bylines only themselves. */
export function canBylineOthers(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canPublish(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canSchedule(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canSubmitForReview(
  staff: StaffMember,
  article: { createdBy: number | null; status: string },
): boolean {
  return canEditArticle(staff, article) && article.status === 'draft';
}

export function canAddCorrection(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/** Reading an article in the newsroom (preview, revisions): editors any, a contributor the ones they created. */
export function canViewArticle(staff: StaffMember, article: { createdBy: number | null }): boolean {
  return hasRole(staff, 'editor') || article.createdBy === staff.id;
}

/** Choosing the stories that lead the fronts, and the breaking-news banner. */
export function canCurateFronts(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/**
 * Moving a never-published article to the trash, or back out of it: editors any, a contributor their own
 * drafts (whether it was ever published is the editorial domain's check, not a permission).
 */
export function canTrashArticle(
  staff: StaffMember,
  article: { createdBy: number | null; status: string },
): boolean {
  if (hasRole(staff, 'editor')) return true;
  return article.createdBy === staff.id && article.status === 'draft';
}

/** Deleting a trashed article for good, before its 30 days are up: editors and admins. */
export function canDeleteTrashedArticle(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canUnpublish(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/** Withdrawing marks a correction withdrawn; nobody can delete one. */
export function canWithdrawCorrection(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/** Author profiles are the public bylines: editors keep them, and say which account writes as which. */
export function canManageAuthors(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canModerateComments(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/** Editions go to every subscriber at once: editors and admins write and send them. */
export function canSendNewsletters(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

/** Exporting or erasing everything a commenter left (by email address) is personal data: admins only. */
export function canManageCommenterData(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

/** The site's static pages (About, Ethics policy …) and its header and footer menus: editors and admins. */
export function canManagePages(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}

export function canManageStaff(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

/** An admin API token acts as a staff member without their password: only admins make and revoke them. */
export function canManageApiTokens(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

/** Content API keys let other apps and sites read the newsroom's stories: admins make and revoke them. */
export function canManageContentApiKeys(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

export function canEditSettings(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

export function canUploadMedia(staff: StaffMember): boolean {
  return hasRole(staff, 'contributor');
}

/** An image's words and rights: editors any image's, a contributor those of the images they uploaded. */
export function canEditMedia(staff: StaffMember, item: { uploadedBy: number | null }): boolean {
  return hasRole(staff, 'editor') || item.uploadedBy === staff.id;
}

export function canViewDonations(staff: StaffMember): boolean {
  return hasRole(staff, 'admin');
}

/** Audience analytics (the dashboard, an article's figures): editors and admins. */
export function canViewAnalytics(staff: StaffMember): boolean {
  return hasRole(staff, 'editor');
}
