import { MatchersV3 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../src/errors/catalog.js';
import { EXAMPLE, INVITE, LOOKUP_NUMBER, PROFILE_NAME } from '../../../src/verify/fixtures.js';
import { STATE } from '../../../src/verify/states/index.js';
import { contractPact, partner, sends } from './support/pact.js';
import { meChannels, user } from './support/resources.js';
import { answers, failure, fieldErrors, oneOf, PROFILE_STATUSES, success, timestamp, uuid, wholeList } from './support/shapes.js';

const { like, eachLike, boolean, fromProviderState } = MatchersV3;
const pact = contractPact();
const userPath = fromProviderState('/v3/users/${userId}', `/v3/users/${EXAMPLE.userId}`);
const exampleUser = `/v3/users/${EXAMPLE.userId}`;
const invited = { userId: EXAMPLE.userId, email: INVITE.email };

describe('users', () => {
  it('lists the organization’s users', async () => {
    await pact
      .addInteraction()
      .given(STATE.userInvited, invited)
      .uponReceiving('a request to list the users')
      .withRequest('GET', '/v3/users', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success({ users: eachLike(user()), pagination: wholeList() })))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/users')).body.data.users.length).toBeGreaterThan(0);
      });
  });

  it('invites a user: 201, invited', async () => {
    await pact
      .addInteraction()
      .given(STATE.noUserWithEmail, { email: INVITE.email })
      .uponReceiving('a request to invite a user')
      .withRequest('POST', '/v3/users', (b) => b.headers(sends()).jsonBody(INVITE))
      .willRespondWith(201, (b) =>
        b.headers(answers()).jsonBody(success(user({ email: INVITE.email, name: INVITE.name, role: INVITE.role, status: 'invited', invited_at: timestamp() }))),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/users', INVITE)).body.data.status).toBe('invited');
      });
  });

  it('refuses an e-mail already in the organization with 409 RESOURCE_007', async () => {
    await pact
      .addInteraction()
      .given(STATE.userInvited, invited)
      .uponReceiving('a request to invite a user whose e-mail is already there')
      .withRequest('POST', '/v3/users', (b) => b.headers(sends()).jsonBody(INVITE))
      .willRespondWith(409, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_007', null, MESSAGES.userExists)))
      .executeTest(async (server) => {
        expect((await partner(server.url).post('/v3/users', INVITE)).status).toBe(409);
      });
  });

  it('refuses an invitation from a developer key with 403 AUTH_004', async () => {
    await pact
      .addInteraction()
      .given(STATE.developerKey, { apiKey: EXAMPLE.developerApiKey })
      .uponReceiving('a request to invite a user with a developer key')
      .withRequest('POST', '/v3/users', (b) =>
        b.headers({ ...sends(), 'x-api-key': fromProviderState('${apiKey}', EXAMPLE.developerApiKey) }).jsonBody(INVITE),
      )
      .willRespondWith(403, (b) => b.headers(answers()).jsonBody(failure('AUTH_004', null, MESSAGES.notAdmin)))
      .executeTest(async (server) => {
        expect((await partner(server.url, EXAMPLE.developerApiKey).post('/v3/users', INVITE)).status).toBe(403);
      });
  });

  it('retrieves a user', async () => {
    await pact
      .addInteraction()
      .given(STATE.userInvited, invited)
      .uponReceiving('a request to retrieve a user')
      .withRequest('GET', userPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(user({ email: INVITE.email }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).get(exampleUser)).body.data.email).toBe(INVITE.email);
      });
  });

  it('changes a user’s role', async () => {
    await pact
      .addInteraction()
      .given(STATE.userInvited, invited)
      .uponReceiving('a request to change the role of a user')
      .withRequest('PATCH', userPath, (b) => b.headers(sends()).jsonBody({ role: 'billing' }))
      .willRespondWith(200, (b) => b.headers(answers()).jsonBody(success(user({ email: INVITE.email, role: 'billing', updated_at: timestamp() }))))
      .executeTest(async (server) => {
        expect((await partner(server.url).patch(exampleUser, { role: 'billing' })).body.data.role).toBe('billing');
      });
  });

  it('removes a user: 204 with no body', async () => {
    await pact
      .addInteraction()
      .given(STATE.userInvited, invited)
      .uponReceiving('a request to remove a user')
      .withRequest('DELETE', userPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(204, (b) => b.headers(answers()))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(exampleUser)).status).toBe(204);
      });
  });

  it('refuses to let the caller remove itself: 400', async () => {
    await pact
      .addInteraction()
      .given(STATE.keyIsUser, { userId: EXAMPLE.userId })
      .uponReceiving('a request to remove the user the API key acts as')
      .withRequest('DELETE', userPath, (b) => b.headers(sends({}, false)))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_001', null, MESSAGES.userRemoveSelf)))
      .executeTest(async (server) => {
        expect((await partner(server.url).delete(exampleUser)).body.error.message).toBe(MESSAGES.userRemoveSelf);
      });
  });

  for (const [what, method, body] of [['retrieve', 'GET', undefined], ['remove', 'DELETE', undefined], ['change the role of', 'PATCH', { role: 'billing' }]] as const) {
    it(`answers 404 RESOURCE_006 to a request to ${what} an unknown user`, async () => {
      const path = `/v3/users/${EXAMPLE.unknownUserId}`;
      await pact
        .addInteraction()
        .given(STATE.noUser, { userId: EXAMPLE.unknownUserId })
        .uponReceiving(`a request to ${what} an unknown user`)
        .withRequest(method, path, (b) => {
          b.headers(sends({}, body !== undefined));
          if (body !== undefined) b.jsonBody(body);
        })
        .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_006')))
        .executeTest(async (server) => {
          expect((await partner(server.url).call(method, path, body)).body.error.code).toBe('RESOURCE_006');
        });
    });
  }
});

describe('GET /v3/me', () => {
  it('describes the organization an organization key acts as, with its profiles', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to describe the account of an organization key')
      .withRequest('GET', '/v3/me', (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            id: uuid('550e8400-e29b-41d4-a716-446655440000'),
            type: 'organization',
            name: like('Acme Corp'),
            created_at: timestamp(),
            organization_id: null,
            channels: meChannels(),
            // Contacts and templates are never inherited or shared any more (Sent, 2026-11).
            profiles: eachLike({ id: uuid(), name: like(PROFILE_NAME), status: oneOf(PROFILE_STATUSES), settings: { allow_contact_sharing: false, allow_template_sharing: false, inherit_contacts: false, inherit_templates: false } }),
          }),
        ),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/me')).body.data.type).toBe('organization');
      });
  });

  it('describes the profile named by x-profile-id', async () => {
    await pact
      .addInteraction()
      .given(STATE.profile, { profileId: EXAMPLE.profileId, name: PROFILE_NAME })
      .uponReceiving('a request to describe the account of a profile')
      .withRequest('GET', '/v3/me', (b) => b.headers(sends({ 'x-profile-id': fromProviderState('${profileId}', EXAMPLE.profileId) }, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(
          success({
            id: uuid(),
            type: 'profile',
            name: PROFILE_NAME,
            organization_id: uuid('550e8400-e29b-41d4-a716-446655440000'),
            status: oneOf(PROFILE_STATUSES),
            channels: meChannels(),
            profiles: [],
          }),
        ),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).call('GET', '/v3/me', undefined, { 'x-profile-id': EXAMPLE.profileId })).body.data.type).toBe('profile');
      });
  });

  it('answers 404 RESOURCE_014 for an x-profile-id it does not know', async () => {
    await pact
      .addInteraction()
      .given(STATE.noProfile, { profileId: EXAMPLE.unknownProfileId })
      .uponReceiving('a request to describe the account of an unknown profile')
      .withRequest('GET', '/v3/me', (b) => b.headers(sends({ 'x-profile-id': EXAMPLE.unknownProfileId }, false)))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_014')))
      .executeTest(async (server) => {
        expect((await partner(server.url).call('GET', '/v3/me', undefined, { 'x-profile-id': EXAMPLE.unknownProfileId })).status).toBe(404);
      });
  });
});

describe('GET /v3/numbers/lookup/{phoneNumber}', () => {
  it('looks a valid number up: its region, line type and validity', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to look a number up')
      .withRequest('GET', `/v3/numbers/lookup/${LOOKUP_NUMBER}`, (b) => b.headers(sends({}, false)))
      .willRespondWith(200, (b) =>
        b.headers(answers()).jsonBody(success({ phone_number: LOOKUP_NUMBER, is_valid: true, country_code: 'US', line_type: like('mobile'), is_ported: boolean(false), is_voip: boolean(false) })),
      )
      .executeTest(async (server) => {
        expect((await partner(server.url).get(`/v3/numbers/lookup/${LOOKUP_NUMBER}`)).body.data.is_valid).toBe(true);
      });
  });

  it('refuses a number that is not E.164 with 400 VALIDATION_002', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to look up a number that is not E.164')
      .withRequest('GET', '/v3/numbers/lookup/2025551234', (b) => b.headers(sends({}, false)))
      .willRespondWith(400, (b) => b.headers(answers()).jsonBody(failure('VALIDATION_002', fieldErrors('phoneNumber'))))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/numbers/lookup/2025551234')).status).toBe(400);
      });
  });

  it('answers 404 RESOURCE_013 for an E.164 number no country has issued', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a request to look up a number that is not a valid number')
      .withRequest('GET', '/v3/numbers/lookup/+1234567890', (b) => b.headers(sends({}, false)))
      .willRespondWith(404, (b) => b.headers(answers()).jsonBody(failure('RESOURCE_013', null, MESSAGES.numberNotFound)))
      .executeTest(async (server) => {
        expect((await partner(server.url).get('/v3/numbers/lookup/+1234567890')).status).toBe(404);
      });
  });
});
