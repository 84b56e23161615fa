// Baseline (c): a bare node:http server that answers every benchmarked route with the exact
// bytes, status and content type that sent-sim answered once (captured by bench/run.mjs).
// It reads the request body to the end (as any server must) but does nothing else: this is
// the ceiling for "an HTTP server on Node sending these bytes" on this machine.
//
//   node bench/servers/bare.mjs --port <p> --captures <file.json>
//
// The captures file: { "<route>": { "status": 200, "contentType": "...", "body": "<base64>" } }
// with routes list, retrieve, create, update, complete.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, captures: { type: 'string' } },
});
if (!values.port || !values.captures) {
  console.error('usage: node bench/servers/bare.mjs --port <p> --captures <file.json>');
  process.exit(2);
}

const captures = JSON.parse(readFileSync(values.captures, 'utf8'));
const responses = {};
for (const [route, c] of Object.entries(captures)) {
  const body = Buffer.from(c.body, 'base64');
  responses[route] = { status: c.status, headers: { 'content-type': c.contentType, 'content-length': String(body.length) }, body };
}
const notFound = Buffer.from('{"success":false}');

function route(method, url) {
  const path = url.split('?', 1)[0];
  const parts = path.split('/'); // ['', 'v3', 'profiles', id?, 'complete'?]
  if (parts[1] !== 'v3' || parts[2] !== 'profiles') return undefined;
  if (parts.length === 3) return method === 'GET' ? 'list' : method === 'POST' ? 'create' : undefined;
  if (parts.length === 4) return method === 'GET' ? 'retrieve' : method === 'PATCH' ? 'update' : undefined;
  if (parts.length === 5 && parts[4] === 'complete' && method === 'POST') return 'complete';
  return undefined;
}

const server = http.createServer((req, res) => {
  const answer = responses[route(req.method, req.url)];
  req.on('data', () => {});
  req.on('end', () => {
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': String(notFound.length) });
      res.end(notFound);
      return;
    }
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
});

server.listen(Number(values.port), values.host);
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
