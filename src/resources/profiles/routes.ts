import type { components } from '../../generated/sent-v3.js';
import type { OpContext, OperationDef } from '../../http/operation.js';
import { created, noContent, ok } from '../../http/result.js';
import type { ProfileRecord } from './records.js';
import { PROFILES } from './collection.js';
import { profileWriteProblems, type BillingAndBrandInput } from './rules.js';
import type { ProfileService } from './service.js';

type Schemas = components['schemas'];

/**
 * What a generated sandbox profile (sandbox.ts) always has, for the rules that look at the
 * stored record: sandbox makes no lookups (docs/decisions/0008).
 */
const SANDBOX_STORED: Pick<ProfileRecord, 'brand' | 'billing_contact' | 'billing_model'> = {
  brand: null,
  billing_contact: { name: 'Sandbox', email: 'sandbox@example.com', phone: null, address: null },
  billing_model: 'profile',
};

/** The profile a PATCH would change, if there is one to judge the rules against. */
function storedForRules(c: OpContext): Pick<ProfileRecord, 'brand' | 'billing_contact' | 'billing_model'> | undefined {
  if (c.sandbox) return SANDBOX_STORED;
  const profile = PROFILES.in(c.tenant).get(c.params.profileId ?? '');
  return profile && profile.deleted_at === null ? profile : undefined;
}

const rulesInput = (c: OpContext) => (typeof c.body === 'object' && c.body !== null ? (c.body as BillingAndBrandInput) : {});

/** Profile operations: parse → call the service → return. No business logic here. */
export function profileOperations(service: ProfileService): Record<string, OperationDef> {
  return {
    createProfile: {
      access: 'write',
      check: (c) => profileWriteProblems(rulesInput(c), undefined, c.tenant.clock.now()),
      handle: (c) => created(service.createProfile(c.tenant, c.body as Schemas['CreateProfileRequest'], c.sandbox)),
    },
    listProfiles: {
      access: 'read',
      handle: (c) => ok(service.listProfiles(c.tenant, c.apiKey)),
    },
    retrieveProfile: {
      access: 'read',
      handle: (c) => ok(service.retrieveProfile(c.tenant, c.params.profileId!)),
    },
    updateProfile: {
      access: 'write',
      check: (c) => profileWriteProblems(rulesInput(c), storedForRules(c), c.tenant.clock.now()),
      handle: (c) => ok(service.updateProfile(c.tenant, c.params.profileId!, c.body as Schemas['UpdateProfileRequest'], c.sandbox)),
    },
    deleteProfile: {
      access: 'write',
      handle: (c) => {
        service.deleteProfile(c.tenant, c.params.profileId!, c.sandbox);
        return noContent();
      },
    },
  };
}
