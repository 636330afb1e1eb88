// The reader site's only script: small enhancements on top of pages that work without it.
import { fillBannerSlot } from './banner-slot.js';
import { enhanceEmbeds } from './embeds.js';
import { enhanceExpandArticle } from './expand-article.js';
import { enhanceSiteMenu } from './site-menu.js';

enhanceExpandArticle(document);
enhanceSiteMenu(document);
enhanceEmbeds(document);
void fillBannerSlot(document, window.sessionStorage);
