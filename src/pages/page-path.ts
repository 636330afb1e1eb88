// Where a page lives: at the site's root, under the slug the editor chose (/about, /ethics).
export const pagePath = (slug: string) => `/${slug}`;
