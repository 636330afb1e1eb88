// How many events one visitor may send a minute, counted in this process's memory: an event costs
// microseconds, so a round trip to Redis or the database per beacon would cost more than the event itself.
// With several instances each counts its own share, which bounds a flood just as well.
export interface VisitorRateLimit {
  /** False when `key` has used up this minute's events. */
  allow(key: string, nowMs: number): boolean;
}

// A reader's page sends a view, four depths, a heartbeat each 15 s and a few clicks: far under this.
export const EVENTS_PER_VISITOR_MINUTE = 120;
// Beyond this many visitors in one minute the counts start again, so a spray of forged agents cannot
// grow the map without bound.
const MAX_TRACKED = 200_000;

export function visitorRateLimit(limit = EVENTS_PER_VISITOR_MINUTE): VisitorRateLimit {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    allow(key, nowMs) {
      const current = Math.floor(nowMs / 60_000);
      if (current !== window || counts.size >= MAX_TRACKED) {
        window = current;
        counts = new Map();
      }
      const used = (counts.get(key) ?? 0) + 1;
      counts.set(key, used);
      return used <= limit;
    },
  };
}
