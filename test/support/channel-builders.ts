/**
 * Bodies for the channels and sender-profiles surfaces (sent-api-v3-2026-11 §2.6, §2.7): valid by
 * default, override what a test is about. Values are fictional (555 numbers, example.com).
 */

/** A complete US TEN_DLC identity (the market's `compliance.brand`). */
export function aTenDlcBrand(overrides: Record<string, unknown> = {}) {
  return {
    legal_name: 'Globex Corporation',
    entity_type: 'PRIVATE_PROFIT',
    tax_id: '98-7654321',
    country: 'US',
    street: '742 Evergreen Terrace',
    city: 'Springfield',
    state: 'OR',
    postal_code: '97403',
    website: 'https://globex.example.com',
    vertical: 'RETAIL',
    contact_name: 'Hank Scorpio',
    contact_email: 'hank@globex.example.com',
    contact_phone: '+15415550123',
    ...overrides,
  };
}

/** A complete US TEN_DLC campaign (fields at the top level, as `POST …/campaigns` takes them). */
export function aTenDlcCampaign(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Order updates',
    description: 'Order confirmations and shipping updates for Globex customers',
    message_flow: 'Customers opt in by ticking an unchecked box at checkout on globex.example.com.',
    use_cases: ['DELIVERY_NOTIFICATION'],
    sample_messages: ['Globex: your order 1042 has shipped. Reply STOP to opt out.'],
    volume: '1500',
    opt_out_keywords: 'STOP',
    help_keywords: 'HELP',
    ...overrides,
  };
}

/** A complete RCS registration (`POST /v3/channels/rcs`). */
export function anRcsAgent(overrides: Record<string, unknown> = {}) {
  return {
    display_name: 'Globex',
    description: 'Order updates from Globex',
    agent_use_case: 'NOTIFICATIONS',
    brand_name: 'Globex',
    privacy_policy_url: 'https://globex.example.com/privacy',
    terms_and_conditions_url: 'https://globex.example.com/terms',
    website_url: 'https://globex.example.com',
    brand_color: '#1A73E8',
    logo_url: 'https://globex.example.com/logo.png',
    banner_url: 'https://globex.example.com/banner.png',
    brand_phone_number: '+15415550100',
    customer_support_phone_number: '+15415550101',
    brand_email: 'brand@globex.example.com',
    customer_support_email: 'support@globex.example.com',
    contact_name_and_title: 'Hank Scorpio, CEO',
    company_ein: '98-7654321',
    entity_type: 'PRIVATE_PROFIT',
    official_address: { street: '742 Evergreen Terrace', city: 'Springfield', state: 'OR', postal_code: '97403', country: 'US' },
    brief_company_description: 'Globex sells everything a modern villain needs.',
    opt_in_process_description: 'Customers opt in at checkout.',
    start_message: 'Welcome to Globex updates.',
    help_message: 'Reply STOP to stop.',
    stop_message: 'You will receive no more messages.',
    sample_messages: ['Your order has shipped.'],
    ...overrides,
  };
}

/** A sender profile create with the least Sent needs. */
export function aSenderProfile(overrides: Record<string, unknown> = {}) {
  return { name: 'Globex Support', short_name: 'GLOBEX', ...overrides };
}
