// The names under which a static page is cached and invalidated: its own tag, so an edit drops only it.

/** A page's own address (and its old address after a new slug, cached under the same tag). */
export const pageTag = (id: number) => `page:${id}`;
