// What turning our records into WordPress's JSON needs to know of the site: its public address and time zone.
export interface ShapeContext {
  /** The site's absolute address, no trailing slash. */
  base: string;
  timeZone: string;
}

export type WpJson = Record<string, unknown>;
