// Baseline (d): the least an Express 5 app can do for the same routes — express.json(), one
// Map of profiles, the same envelope shape as sent-sim ({success, data, error, meta}), and
// no authentication, validation, idempotency, logging or wire mapping.
//
//   node bench/servers/minimal-express.mjs --port <p> [--seed <profiles.json>]
//
// --seed: a JSON array of profiles (with their `id`) the Map starts with; bench/run.mjs seeds
// it with the profile sent-sim answered, so `GET /v3/profiles/{that id}` finds it.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import express from 'express';

const { values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' }, seed: { type: 'string' } } });
if (!values.port) {
  console.error('usage: node bench/servers/minimal-express.mjs --port <p> [--seed <profiles.json>]');
  process.exit(2);
}

const profiles = new Map();
if (values.seed) for (const profile of JSON.parse(readFileSync(values.seed, 'utf8'))) profiles.set(profile.id, profile);
let counter = 0;

function envelope(data, error = null) {
  return {
    success: error === null,
    data,
    error,
    meta: { request_id: `req_${(++counter).toString(36).padStart(10, '0')}`, timestamp: new Date().toISOString(), version: 'v3' },
  };
}

const notFound = (res) => res.status(404).json(envelope(null, { code: 'RESOURCE_014', message: 'Profile not found', details: null }));

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.use(express.json({ limit: '1mb' }));

app.get('/v3/profiles', (_req, res) => {
  res.json(envelope({ profiles: [...profiles.values()] }));
});

app.post('/v3/profiles', (req, res) => {
  const now = new Date().toISOString();
  const profile = { id: randomUUID(), status: 'incomplete', created_at: now, updated_at: null, ...req.body };
  profiles.set(profile.id, profile);
  res.status(201).json(envelope(profile));
});

app.get('/v3/profiles/:profileId', (req, res) => {
  const profile = profiles.get(req.params.profileId);
  if (!profile) return notFound(res);
  res.json(envelope(profile));
});

app.patch('/v3/profiles/:profileId', (req, res) => {
  const profile = profiles.get(req.params.profileId);
  if (!profile) return notFound(res);
  const next = { ...profile, ...req.body, updated_at: new Date().toISOString() };
  profiles.set(next.id, next);
  res.json(envelope(next));
});

app.post('/v3/profiles/:profileId/complete', (req, res) => {
  const profile = profiles.get(req.params.profileId);
  if (!profile) return notFound(res);
  res.status(202).json(envelope({ profile_id: profile.id, status: 'pending' }));
});

const server = app.listen(Number(values.port), values.host);
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
