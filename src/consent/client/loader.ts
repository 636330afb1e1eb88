// The consent loader, on every reader page when the newsroom has third-party tags: it reads the reader's
// choice from the first-party cookie, starts the vendors of the purposes they accepted, and otherwise asks.
// Nothing of a vendor is on the page before this runs; without JavaScript nothing of theirs ever loads.
import { type Choice, forgetCookies, globalPrivacyControl, readChoice, storeChoice } from './choice.js';
import { openDialog } from './dialog.js';
import { startScript, startVendor, VENDOR_COOKIES } from './vendors.js';

interface LoaderConfig {
  version: string;
  vendors: Array<{ kind: string; id: string; purpose: 'statistics' | 'marketing' }>;
  custom: { src: string; purpose: 'statistics' | 'marketing' } | null;
  purposes: Array<{ purpose: 'statistics' | 'marketing'; services: string[] }>;
  secure: boolean;
  stylesheet: string;
}

const CHOICES_LINK = 'a[href="/privacy#choices"]';

function readConfig(): LoaderConfig | null {
  const element = document.getElementById('consent-config');
  if (!element?.textContent) return null;
  return JSON.parse(element.textContent) as LoaderConfig;
}

/** Global Privacy Control outranks a stored "yes" to marketing. */
function effective(choice: Choice, gpc: boolean): Choice {
  return { statistics: choice.statistics, marketing: choice.marketing && !gpc };
}

function main(): void {
  const config = readConfig();
  if (!config) return;
  const gpc = globalPrivacyControl();
  const started = new Set<string>();
  const start = (choice: Choice) => {
    for (const vendor of config.vendors) {
      const key = `${vendor.kind}:${vendor.id}`;
      if (choice[vendor.purpose] && !started.has(key)) {
        started.add(key);
        startVendor(vendor.kind, vendor.id);
      }
    }
    if (config.custom && choice[config.custom.purpose] && !started.has('custom')) {
      started.add('custom');
      startScript(config.custom.src);
    }
  };
  let current = readChoice(config.version);
  const ask = () =>
    openDialog({
      purposes: config.purposes,
      current: current && effective(current, gpc),
      gpc,
      stylesheet: config.stylesheet,
      onChoice(choice) {
        const before = current;
        current = effective(choice, gpc);
        storeChoice(config.version, current, config.secure);
        // Withdrawn: the vendors' own cookies on our domain go now; their scripts are gone from the next page.
        const withdrawn = config.vendors.filter((v) => before?.[v.purpose] && !current?.[v.purpose]);
        forgetCookies(withdrawn.flatMap((v) => VENDOR_COOKIES[v.kind] ?? []));
        start(current);
      },
    });
  for (const link of document.querySelectorAll<HTMLAnchorElement>(CHOICES_LINK)) {
    link.setAttribute('aria-haspopup', 'dialog');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void ask();
    });
  }
  if (current) start(effective(current, gpc));
  else void ask();
}

main();
