import { faker as englishFaker } from '@faker-js/faker/locale/en';
import type { Tenant } from '../../store/types.js';
import type { ProfileRecord } from './records.js';
import type { Random } from '../../util/random.js';
import { sentTimestamp } from '../../util/time.js';

/**
 * Realistic sample data for sandbox calls and the demo tenant. Sandbox makes no lookups
 * (fact sheet §7), so a sandbox call on an unknown id answers with a generated profile.
 * Seeded from the simulator's random source, so `--seed` makes it repeat.
 */
type Faker = typeof englishFaker;

export class SandboxData {
  private readonly faker: Faker;

  constructor(private readonly random: Random) {
    // Only the English locale is loaded (the package's root import loads every locale: ~150 ms of
    // start-up), and each instance is its own, seeded from the simulator's random source.
    const FakerClass = englishFaker.constructor as new (options: { locale: typeof englishFaker.rawDefinitions }) => Faker;
    this.faker = new FakerClass({ locale: englishFaker.rawDefinitions });
    this.faker.seed(Math.floor(random.next() * 2 ** 31));
  }

  /** A generated profile record (never stored) with the given id. */
  record(tenant: Tenant, id: string): ProfileRecord {
    const f = this.faker;
    const company = f.company.name();
    const short = company.replace(/[^A-Za-z0-9 ]/g, '').slice(0, 11).trim();
    const created = sentTimestamp(tenant.clock.now() - f.number.int({ min: 1, max: 90 }) * 86_400_000);
    return {
      id: id.toLowerCase(),
      organization_id: tenant.organization.id,
      name: `${company} ${f.helpers.arrayElement(['Sales', 'Support', 'Marketing', 'Alerts'])}`,
      icon: f.image.url(),
      description: f.company.catchPhrase(),
      short_name: /[A-Za-z]/.test(short) && short.length >= 3 ? short : 'SANDBOX',
      status: 'incomplete',
      created_at: created,
      updated_at: null,
      allow_contact_sharing: false,
      allow_template_sharing: false,
      inherit_contacts: false,
      inherit_templates: false,
      inherit_tcr_brand: false,
      inherit_tcr_campaign: false,
      billing_model: 'profile',
      sending_phone_number_profile_id: null,
      sending_whatsapp_number_profile_id: null,
      sending_phone_number: null,
      whatsapp_phone_number: null,
      allow_number_change_during_onboarding: null,
      billing_contact: { name: f.person.fullName(), email: f.internet.email(), phone: null, address: null },
      brand: null,
      // A WhatsApp account is never inherited now (decisions §14): a sample profile has none.
      whatsapp: null,
      payment: null,
      deleted_at: null,
    };
  }

  companyName(): string {
    return this.faker.company.name();
  }

  personName(): string {
    return this.faker.person.fullName();
  }

  email(): string {
    return this.faker.internet.email().toLowerCase();
  }

  catchPhrase(): string {
    return this.faker.company.catchPhrase();
  }
}
