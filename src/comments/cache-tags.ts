// The cache tags of what shows comments: an article's threads (on its page and its comment pages), and all
// of them at once when the comment settings change how every thread looks.
export const commentsTag = (articleId: number) => `comments:${articleId}`;
export const ALL_COMMENTS = 'comments';

/** The article id a tag names, or null when it names something else. */
export function articleOfCommentsTag(tag: string): number | null {
  const match = /^comments:(\d+)$/.exec(tag);
  return match ? Number(match[1]) : null;
}
