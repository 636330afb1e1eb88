// The yardstick: bare node:http answering every request with the same bytes, headers included, that
// Broadsheet sent for one page. Plain node, like the server measured beside it:
// node bench/bare-server.mjs <response.json> <port>, the file as bench/processes.ts saveResponse() writes it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [file, port] = process.argv.slice(2);
const saved = JSON.parse(readFileSync(file, 'utf8'));
const body = Buffer.from(saved.body, 'base64');
const headers = { ...saved.headers, 'content-length': body.length };

createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
}).listen(Number(port), '127.0.0.1');
