// The names under which pages showing a curated front or the banner are cached and invalidated: publishing
// one front drops the pages of that front only; changing the banner drops only the banner fragment.
export const frontTag = (front: string) => `front:${front}`;
/** The breaking-news fragment (GET /banner); no page carries it, so a change re-renders no page. */
export const BANNER_TAG = 'banner';
