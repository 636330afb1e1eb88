// What the reader leaves out without a record per item (menus, revisions, pingbacks…), counted and reported
// once per kind at the end of the file: one problem per menu item would bury the report's real warnings.
import type { SourceProblem } from '../source-model.js';

const KIND_NAMES: Record<string, string> = {
  nav_menu_item: "menu items (rebuild the menus in Broadsheet's menu editor)",
  revision: 'revisions (only the current version of each post is imported)',
  wp_block: 'reusable blocks (their copies inside posts are imported)',
  wp_template: 'theme templates',
  wp_template_part: 'theme template parts',
  wp_global_styles: 'theme styles',
  wp_navigation: 'navigation menus',
  custom_css: 'custom CSS',
  customize_changeset: 'Customizer changesets',
  oembed_cache: 'cached embeds',
  user_request: 'privacy requests',
  wp_font_family: 'font families',
  wp_font_face: 'font faces',
};

export class LeftOut {
  private readonly kinds = new Map<string, number>();
  private readonly comments = new Map<string, number>();

  kind(postType: string): void {
    this.kinds.set(postType, (this.kinds.get(postType) ?? 0) + 1);
  }

  addComments(reasons: Map<string, number>): void {
    for (const [reason, count] of reasons)
      this.comments.set(reason, (this.comments.get(reason) ?? 0) + count);
  }

  problems(): SourceProblem[] {
    const problems: SourceProblem[] = [];
    for (const [postType, count] of this.kinds) {
      const known = KIND_NAMES[postType];
      problems.push({
        kind: 'problem',
        title: `${count} item${count === 1 ? '' : 's'} of type '${postType}'`,
        message: known
          ? `left out: ${known}`
          : `left out: Broadsheet has no place for WordPress's '${postType}' items (a plugin's or theme's own kind)`,
      });
    }
    for (const [reason, count] of this.comments) {
      problems.push({
        kind: 'problem',
        title: `${reason} (${count})`,
        message: 'left out: not reader comments',
      });
    }
    return problems;
  }
}
