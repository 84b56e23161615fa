// Found by the fuzz test (FUZZ_SEED=451769049): an imported contact whose `available_channels` was
// not a string reached the contacts list index and answered 500. The fields an index reads are
// checked with the rest of the record: a 400 naming the field, and the tenant unchanged.
import { describe, expect, it } from 'vitest';
import { client, testApp } from '../../support/app.js';
import { sim } from '../../support/sim.js';

describe('importing contacts', () => {
  for (const [field, value] of [['available_channels', ['']], ['available_channels', 42], ['format_national', null]] as const) {
    it(`refuses a contact whose ${field} is ${JSON.stringify(value)} with a 400, changing nothing`, async () => {
      const { app } = testApp();
      const c = client(app);
      await c.post('/v3/contacts', { phone_number: '+14155550100' });
      const control = sim(app, c.key);
      const snapshot = await control.export();
      const before = (await c.get('/v3/contacts')).body.data;
      (snapshot.collections.contacts![0] as Record<string, unknown>)[field] = value;
      const res = await control.import(snapshot);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(field);
      expect((await c.get('/v3/contacts')).body.data).toEqual(before);
    });
  }
});
