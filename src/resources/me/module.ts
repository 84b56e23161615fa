import { ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import type { ResourceModule } from '../module.js';
import { retrieveMe } from './service.js';

/** `GET /v3/me`: the account behind the key or `x-profile-id` (docs/decisions/0020). Any role reads. */
export const meModule: ResourceModule = {
  name: 'me',
  create: () => ({
    operations: {
      retrieveMe: { access: 'read', handle: (c) => ok(retrieveMe(c.tenant, accountOf(c), c.apiKey)) },
    },
  }),
};
