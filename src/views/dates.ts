// Times are UTC in storage; readers see them in the site's time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language, {
      timeZone,
      dateStyle: 'long',
      ...(withTime ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

export function readableDate(iso: string, language: string, timeZone: string, withTime = false): string {
  return formatter(language, timeZone, withTime).format(new Date(iso));
}

/** RFC 7231 date for Last-Modified and RSS. */
export function httpDate(iso: string): string {
  return new Date(iso).toUTCString();
}
