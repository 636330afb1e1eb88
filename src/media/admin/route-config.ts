// What every media library screen declares: who may open it (any staff member; the domain checks the rest)
// and the screen's stylesheet and script.
export const MEDIA_ASSETS = ['media.css', 'media.js'];

export const forContributors = { config: { permission: 'contributor' as const } };
