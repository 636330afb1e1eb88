// Which link targets the body may hold: the same rule the server applies (articles/render/document.ts).
export const SAFE_HREF = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
