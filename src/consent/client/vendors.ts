// Starts each vendor the way its own snippet would, without an inline script: the same queue stub, then its
// script from its own host. Only IDs validated by the server (consent/settings.ts) arrive here.
type Queue = ((...args: unknown[]) => void) & Record<string, unknown>;
type Globals = Window & Record<string, unknown>;

function addScript(src: string): void {
  const script = document.createElement('script');
  script.async = true;
  script.src = src;
  document.head.append(script);
}

function queueStub(onCall: (stub: Queue, args: unknown[]) => void): Queue {
  const stub = function (this: unknown, ...args: unknown[]) {
    onCall(stub, args);
  } as Queue;
  stub.queue = [];
  return stub;
}

const STARTERS: Record<string, (id: string) => void> = {
  meta(id) {
    const w = window as unknown as Globals;
    if (!w.fbq) {
      const fbq = queueStub((stub, args) => {
        const callMethod = stub.callMethod as ((...a: unknown[]) => void) | undefined;
        if (callMethod) callMethod(...args);
        else (stub.queue as unknown[]).push(args);
      });
      fbq.push = fbq;
      fbq.loaded = true;
      fbq.version = '2.0';
      w.fbq = fbq;
      w._fbq ??= fbq;
      addScript('https://connect.facebook.net/en_US/fbevents.js');
    }
    (w.fbq as Queue)('init', id);
    (w.fbq as Queue)('track', 'PageView');
  },
  ga4(id) {
    const w = window as unknown as Globals & { dataLayer?: unknown[] };
    w.dataLayer ??= [];
    // gtag.js reads the `arguments` objects its stub queued, not arrays.
    w.gtag ??= function gtag() {
      // biome-ignore lint/complexity/noArguments: gtag.js expects the arguments object itself
      w.dataLayer!.push(arguments);
    };
    (w.gtag as Queue)('js', new Date());
    (w.gtag as Queue)('config', id);
    addScript(`https://www.googletagmanager.com/gtag/js?id=${encodeURIComponent(id)}`);
  },
  gtm(id) {
    const w = window as unknown as Globals & { dataLayer?: unknown[] };
    w.dataLayer ??= [];
    w.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });
    addScript(`https://www.googletagmanager.com/gtm.js?id=${encodeURIComponent(id)}`);
  },
  x(id) {
    const w = window as unknown as Globals;
    if (!w.twq) {
      const twq = queueStub((stub, args) => {
        const exe = stub.exe as ((...a: unknown[]) => void) | undefined;
        if (exe) exe(...args);
        else (stub.queue as unknown[]).push(args);
      });
      twq.version = '1.1';
      w.twq = twq;
      addScript('https://static.ads-twitter.com/uwt.js');
    }
    (w.twq as Queue)('config', id);
  },
};

/** First-party cookies each vendor sets on our domain, expired when a reader withdraws. */
export const VENDOR_COOKIES: Record<string, readonly string[]> = {
  meta: ['_fbp', '_fbc'],
  ga4: ['_ga', '_gid'],
  gtm: ['_ga', '_gid', '_gcl_'],
  x: ['_twclid', 'personalization_id'],
};

export function startVendor(kind: string, id: string): void {
  STARTERS[kind]?.(id);
}

export function startScript(src: string): void {
  addScript(src);
}
