import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { aSenderProfileIn, channelsApp, PROVISIONING, REVIEW } from './helpers.js';

interface SetupStep {
  method: 'POST' | 'PATCH';
  path: string;
  content_type: string;
  body: Record<string, unknown>;
  files: Array<{ field: string; file_name: string; content_type: string }> | null;
}

const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'AU', 'BR', 'IN'];

/**
 * "setup[] bodies, sent as given, succeed" (sent-api-v3-2026-11 §2.7): every (country, type) the
 * number-types page offers is walked through its own setup, as a new sender profile with its own
 * key, exactly as the answer says (JSON, or multipart fields and files) — then the clock runs the
 * review and the market sends.
 */
describe('every documented market, walked through its setup[]', () => {
  it('covers at least US (TEN_DLC, TOLL_FREE), CA, GB (ALPHANUMERIC), DE, AU, BR and IN', async () => {
    const { c } = channelsApp();
    const offered = new Map<string, string[]>();
    for (const country of COUNTRIES) offered.set(country, (await c.get(`/v3/channels/sms/${country}/compliance`)).body.data.number_types.map((t: { number_type: string }) => t.number_type));
    for (const country of COUNTRIES) expect(offered.get(country)!.length, country).toBeGreaterThan(0);
    expect(offered.get('US')).toEqual(expect.arrayContaining(['TEN_DLC', 'TOLL_FREE']));
    expect(offered.get('GB')).toContain('ALPHANUMERIC');
  });

  for (const country of COUNTRIES) {
    it(`${country}: each sender type's setup succeeds as given, owes nothing, and goes ACTIVE`, async () => {
      const { app, c, control } = channelsApp();
      const types = (await c.get(`/v3/channels/sms/${country}/compliance`)).body.data.number_types.map((t: { number_type: string }) => t.number_type) as string[];
      for (const type of types) {
        const profile = await aSenderProfileIn(c);
        const requirements = await request(app).get(`/v3/compliance/requirements?country=${country}&type=${type}`).set('x-api-key', profile.apiKey);
        expect(requirements.status).toBe(200);
        for (const step of requirements.body.data.setup as SetupStep[]) {
          let req = request(app)[step.method === 'POST' ? 'post' : 'patch'](step.path).set('x-api-key', profile.apiKey);
          if (step.content_type === 'multipart/form-data') {
            for (const [name, value] of Object.entries(step.body)) req = req.field(name, String(value));
            for (const file of step.files ?? []) req = req.attach(file.field, Buffer.from(`%PDF-1.4 ${file.field}`), { filename: file.file_name, contentType: file.content_type });
          } else req = req.send(step.body);
          const res = await req;
          expect(res.status, `${country} ${type}: ${res.text}`).toBeLessThan(300);
        }
        const market = async () => (await request(app).get(`/v3/channels/sms/${country}/${type}`).set('x-api-key', profile.apiKey)).body.data;
        const added = await market();
        expect(added.compliance.requirements, `${country} ${type}`).toEqual([]);
        expect(added.status).toBe('PROVISIONING');
        const documents = (requirements.body.data.requirements as Array<{ key: string; kind: string }>).filter((r) => r.kind === 'document');
        expect(added.compliance.documents.map((d: { key: string }) => `documents.${d.key}`)).toEqual(documents.map((d) => d.key));
      }
      await control.advance(PROVISIONING + REVIEW);
      const markets = (await control.tenant()).sms_markets as Array<{ country: string; number_type: string; status: string; numbers: Array<{ status: string }> }>;
      expect(markets.map((m) => m.number_type).sort()).toEqual([...types].sort());
      for (const m of markets) {
        expect(m.status, `${m.country} ${m.number_type}`).toBe('ACTIVE');
        expect(m.numbers.some((n) => n.status === 'ACTIVE'), `${m.country} ${m.number_type}`).toBe(true);
      }
    });
  }
});
