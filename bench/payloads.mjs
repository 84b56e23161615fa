// Request bodies, built from spec/sent-v3.yaml (CreateProfileRequest, UpdateProfileRequest,
// BrandData with contact/business/compliance, CompleteProfileRequest). They are valid
// against the spec, because Prism validates requests and would answer 422 otherwise.

/** BrandData: camelCase inside, `contact` and `compliance` required (spec: BrandData). */
export function brand(suffix = '') {
  return {
    contact: {
      name: `Jordan Smith${suffix}`,
      businessName: 'Acme Corp',
      email: 'jordan.smith@acmecorp.example',
      phone: '+14155550123',
      phoneCountryCode: '1',
      role: 'CEO',
    },
    business: {
      legalName: 'Acme Corporation LLC',
      taxId: '12-3456789',
      taxIdType: 'us_ein',
      entityType: 'PRIVATE_PROFIT',
      street: '123 Market St',
      city: 'San Francisco',
      state: 'CA',
      postalCode: '94105',
      country: 'US',
      countryOfRegistration: 'US',
      url: 'https://acmecorp.example',
    },
    compliance: {
      brandRelationship: 'SMALL_ACCOUNT',
      vertical: 'PROFESSIONAL',
      destinationCountries: [{ id: 'US', isMain: true }],
      expectedMessagingVolume: '1000',
      isTcrApplication: true,
      notes: null,
      phoneNumberPrefix: '+1',
      primaryUseCase: 'Appointment reminders and support follow-ups',
    },
  };
}

/** POST /v3/profiles: name, short_name, description and a brand — about 1 KB of JSON. */
export function createBody() {
  return {
    name: 'Support Team',
    short_name: 'Support1',
    icon: 'https://acmecorp.example/icons/support-team.png',
    description:
      'Customer support sender profile used by the benchmark: appointment reminders, order updates and follow-ups for customers in the United States.',
    brand: brand(),
  };
}

/** PATCH /v3/profiles/{id}: replaces the brand (the profile's brand is never submitted, so no lock). */
export function updateBody() {
  return { description: 'Updated by the benchmark', brand: brand(' Jr') };
}

/** POST /v3/profiles/{id}/complete. Port 9 (discard) on localhost: nothing listens, nothing leaves the machine. */
export function completeBody() {
  return { webHookUrl: 'http://127.0.0.1:9/cb' };
}

/**
 * The `n`-th of a series of distinct creates (bench/memory.mjs): what a real partner's profiles
 * would not share differs from one body to the next — profile name, short name, description,
 * the brand's contact (name, email, phone), legal name, tax id and street — so the memory
 * figure cannot be flattered by identical strings. Deterministic (a counter, not random):
 * same `n`, same body. Same keys and about the same size (~1 KB) as `createBody()`.
 */
export function distinctCreateBody(n) {
  const body = createBody();
  const tag = String(n).padStart(7, '0'); // up to 10 digits keeps short_name within 3–11
  const b = body.brand;
  body.name = `Support Team ${tag}`;
  body.short_name = `S${tag}`;
  body.description = `${body.description} Profile ${tag}.`;
  b.contact.name = `Jordan Smith ${tag}`;
  b.contact.email = `jordan.smith.${tag}@acmecorp.example`;
  b.contact.phone = `+1415${tag.slice(-7)}`;
  b.business.legalName = `Acme ${tag} Corporation LLC`;
  b.business.taxId = `${tag.slice(-2)}-${tag.slice(-7)}`;
  b.business.street = `${n % 9000 + 100} Market St, Suite ${tag}`;
  return body;
}

export const CREATE_BODY = JSON.stringify(createBody());
export const UPDATE_BODY = JSON.stringify(updateBody());
export const COMPLETE_BODY = JSON.stringify(completeBody());
