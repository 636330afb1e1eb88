// The hero image field: a library image field (library-image-field.ts) with its own upload under it, whose
// new image becomes the hero at once.
import { buildHeroUpload } from './hero-upload.js';
import { wireLibraryImageField } from './library-image-field.js';

export function wireHeroChooser(form: HTMLFormElement) {
  const field = wireLibraryImageField(form, 'heroMediaId', {
    button: 'Choose from the library…',
    chooser: 'Choose the hero image',
  });
  if (field) field.preview.after(buildHeroUpload(form, field.use));
}

/** The social card's image field: chosen from the library like the hero, without an upload of its own. */
export function wireSocialImageChooser(form: HTMLFormElement) {
  wireLibraryImageField(form, 'socialImageId', {
    button: 'Choose a social image…',
    chooser: 'Choose the image for social cards',
  });
}
