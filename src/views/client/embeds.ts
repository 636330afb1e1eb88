// Click-to-load embeds: the server renders a notice and a link (articles/render/body.tsx); this adds the
// button that frames the player, so the other site hears of the reader only once they ask for it.
const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-presentation';

export function enhanceEmbeds(root: Document): void {
  for (const figure of root.querySelectorAll<HTMLElement>('figure[data-embed-src]')) {
    const consent = figure.querySelector('.embed-consent');
    const { embedSrc, embedProvider, embedNoun, embedTitle } = figure.dataset;
    if (!consent || !embedSrc?.startsWith('https://')) continue;
    const button = root.createElement('button');
    button.type = 'button';
    button.className = 'embed-load';
    button.textContent = `Load the ${embedNoun ?? 'content'} from ${embedProvider ?? 'the other site'}`;
    button.addEventListener('click', () => {
      const frame = root.createElement('iframe');
      frame.src = embedSrc;
      frame.title = embedTitle ?? `${embedProvider} ${embedNoun}`;
      frame.className = 'embed-frame';
      frame.setAttribute('sandbox', SANDBOX);
      frame.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture');
      frame.setAttribute('allowfullscreen', '');
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      consent.replaceWith(frame);
      frame.focus();
    });
    const notice = consent.querySelector('.embed-notice');
    if (notice) notice.after(button);
    else consent.prepend(button);
  }
}
