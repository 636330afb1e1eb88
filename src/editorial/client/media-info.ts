// The images the editor knows about, by library id: those the page came with, and those chosen since.
import type { MediaChoice } from '../media-choices.js';

/** What the editor shows of an image: the server's choice as the chooser sends it. */
export type MediaInfo = MediaChoice;

export const mediaInfo = new Map<number, MediaInfo>();
