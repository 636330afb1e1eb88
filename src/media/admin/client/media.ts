// The media library's script (the pages work without it): a drop zone on the upload form, an upload in place
// with progress and each error beside its field (nothing typed or chosen is lost), and the picker's hand-off.
import { enhancePicker } from './picker.js';
import { enhanceUpload } from './upload-form.js';

const uploadForm = document.querySelector<HTMLFormElement>('form[data-upload]');
if (uploadForm) enhanceUpload(uploadForm);
enhancePicker();
