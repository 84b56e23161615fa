import { describe, expect, it } from 'vitest';
import { SandboxData } from '../../../../src/resources/profiles/sandbox.js';
import { ProfileService } from '../../../../src/resources/profiles/service.js';
import { TenantRegistry } from '../../../../src/store/tenants.js';
import { createRandom } from '../../../../src/util/random.js';
import { aBrand, aProfile } from '../../../support/builders.js';

/** How profiles are stored: what is shared between records, and that it never shows on the wire. */
function setup() {
  const random = createRandom(11);
  const tenants = new TenantRegistry({ random, realNow: () => Date.UTC(2026, 4, 21) });
  const tenant = tenants.createTenant({ ownerKey: 'sk_test_storage' });
  const service = new ProfileService({ random, sandbox: new SandboxData(random) });
  return { tenant, service };
}

describe('stored profiles', () => {
  it('share one frozen record of the organization WABA between the profiles that inherit it', () => {
    const { tenant, service } = setup();
    const orgWaba = tenant.organization.waba!.waba_id;
    const a = service.createProfile(tenant, aProfile());
    const b = service.createProfile(tenant, aProfile({ name: 'Other' }));
    const own = service.createProfile(tenant, aProfile({ whatsapp_business_account: { waba_id: '123456789012345', access_token: 'tok' } }));

    const stored = (id: string) => tenant.profiles.get(id)!;
    expect(stored(a.id).whatsapp).toEqual({ waba_id: orgWaba, access_token: null, phone_number_id: null, inherited: true });
    expect(stored(b.id).whatsapp).toBe(stored(a.id).whatsapp);
    expect(Object.isFrozen(stored(a.id).whatsapp)).toBe(true);
    expect(stored(own.id).whatsapp).toEqual({ waba_id: '123456789012345', access_token: 'tok', phone_number_id: null, inherited: false });
    expect([a.waba_id, b.waba_id, own.waba_id]).toEqual([orgWaba, orgWaba, '123456789012345']);

    // A new organization WABA (a new object) is what later profiles inherit; earlier ones keep theirs.
    tenant.organization.waba = { waba_id: '999999999999999' };
    const c = service.createProfile(tenant, aProfile({ name: 'Later' }));
    expect(stored(c.id).whatsapp).toEqual({ waba_id: '999999999999999', access_token: null, phone_number_id: null, inherited: true });
    expect(service.retrieveProfile(tenant, a.id).waba_id).toBe(orgWaba);
  });

  it('keep the brand object when a PATCH does not send a brand, and replace its data when one does', () => {
    const { tenant, service } = setup();
    const created = service.createProfile(tenant, aProfile({ brand: aBrand() }));
    const brand = tenant.profiles.get(created.id)!.brand;

    const renamed = service.updateProfile(tenant, created.id, { name: 'Renamed' });
    expect(tenant.profiles.get(created.id)!.brand).toBe(brand);
    expect(renamed.brand).toEqual(created.brand);

    const rebranded = service.updateProfile(tenant, created.id, { brand: aBrand({ contact: { name: 'Changed' } }) });
    expect(rebranded.brand!.id).toBe(created.brand!.id);
    expect(rebranded.brand!.contact).toEqual({ name: 'Changed', business_name: null, role: null, phone: null, email: null, phone_country_code: null });
    expect(rebranded.brand!.business).toEqual(created.brand!.business);
    expect(rebranded.brand!.updated_at).not.toBeNull();
  });

  it('keep nothing of the packed form on the wire', () => {
    const { tenant, service } = setup();
    const created = service.createProfile(tenant, aProfile({ brand: aBrand(), billing_model: 'organization' }));
    expect(created.billing_model).toBe('organization');
    expect(Object.keys(created.brand!)).toEqual([
      'id', 'tcr_brand_id', 'status', 'identity_status', 'universal_ein', 'csp_id', 'submitted_to_tcr',
      'submitted_at', 'is_inherited', 'created_at', 'updated_at', 'contact', 'business', 'compliance',
    ]);
    expect(created.brand!.compliance).toEqual({
      vertical: 'PROFESSIONAL',
      brand_relationship: 'SMALL_ACCOUNT',
      destination_countries: [],
      expected_messaging_volume: null,
      is_tcr_application: false,
      notes: null,
      phone_number_prefix: null,
      primary_use_case: null,
    });
    expect(JSON.stringify(service.retrieveProfile(tenant, created.id))).toBe(JSON.stringify(created));
  });
});
