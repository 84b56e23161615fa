import { describe, expect, it } from 'vitest';
import { EXAMPLE } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner } from './support/pact.js';
import { answers, failure } from './support/shapes.js';

const pact = contractPact();

describe('authentication', () => {
  it('answers 401 AUTH_001, in the envelope, to a request without x-api-key', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request without an API key')
      .withRequest('GET', '/v3/profiles')
      .willRespondWith(401, (b) => b.headers(answers()).jsonBody(failure('AUTH_001')))
      .executeTest(async (server) => {
        const res = await partner(server.url, null).get('/v3/profiles');
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH_001');
      });
  });

  it('answers 401 AUTH_002, in the envelope, to a key that is not an API key at all', async () => {
    await pact
      .addInteraction()
      .given(STATE.unknownKey, { apiKey: EXAMPLE.unknownApiKey })
      .uponReceiving('a request with an unknown API key')
      .withRequest('GET', '/v3/profiles', (b) => b.headers({ 'x-api-key': EXAMPLE.unknownApiKey }))
      .willRespondWith(401, (b) => b.headers(answers()).jsonBody(failure('AUTH_002')))
      .executeTest(async (server) => {
        const res = await partner(server.url, EXAMPLE.unknownApiKey).get('/v3/profiles');
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH_002');
      });
  });
});
