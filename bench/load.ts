// Runs autocannon against one URL and prints its result as one JSON line; the orchestrator runs this in
// a separate process so that the load generator never shares a core's event loop with the server.
import autocannon from 'autocannon';

const [url, seconds, connections, method, body, contentType] = process.argv.slice(2);
const result = await autocannon({
  url: url!,
  duration: Number(seconds ?? 10),
  connections: Number(connections ?? 10),
  method: (method ?? 'GET') as 'GET' | 'POST',
  body,
  headers: contentType ? { 'content-type': contentType, origin: new URL(url!).origin } : undefined,
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  })}\n`,
);
