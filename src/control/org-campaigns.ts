import type { components } from '../generated/sent-v3.js';
import type { SandboxData } from '../resources/profiles/sandbox.js';

const USE_CASES = ['ACCOUNT_NOTIFICATION', 'CUSTOMER_CARE', 'DELIVERY_NOTIFICATION', 'TWO_FA', 'MARKETING'] as const;

/** Sample data for the organization's own campaigns (`PATCH /_sim/tenant {campaigns: n}`). */
export function organizationCampaignData(sample: SandboxData, index: number): components['schemas']['CampaignData'] {
  const useCase = USE_CASES[index % USE_CASES.length]!;
  return {
    name: `${sample.companyName()} ${useCase.toLowerCase().replace(/_/g, ' ')}`,
    description: sample.catchPhrase(),
    type: 'App',
    useCases: [{ messagingUseCaseUs: useCase, sampleMessages: ['Hi {name}, your appointment is confirmed for {date} at {time}.'] }],
    optinKeywords: 'YES, START, SUBSCRIBE',
    optoutKeywords: 'STOP, UNSUBSCRIBE, END',
    helpKeywords: 'HELP, INFO, SUPPORT',
  };
}
