// Addresses of the API's resources and the `_links` WordPress puts on every item (HAL-like: a relation is a
// list of `{href}`; `embeddable: true` marks what `_embed` may fill in).
export const API_ROOT = '/wp-json/';
export const NAMESPACE = 'wp/v2';

export interface WpLink {
  href: string;
  embeddable?: true;
  taxonomy?: string;
  post_type?: string;
  templated?: true;
  name?: string;
}

export type WpLinks = Record<string, WpLink[]>;

export function apiUrl(base: string, route: string, query?: Record<string, string | number>): string {
  const search = query
    ? `?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`
    : '';
  return `${base}${API_ROOT}${NAMESPACE}/${route}${search}`;
}

/** The `curies` entry that lets a client expand `wp:term` to https://api.w.org/term. */
export const CURIES: WpLink[] = [{ name: 'wp', href: 'https://api.w.org/{rel}', templated: true }];

export const link = (href: string): WpLink[] => [{ href }];
export const embeddable = (href: string): WpLink[] => [{ embeddable: true, href }];

/** The Link header by which WordPress clients find the API from any page of the site (WordPress's discovery). */
export function apiDiscoveryLink(base: string): string {
  return `<${base}${API_ROOT}>; rel="https://api.w.org/"`;
}
