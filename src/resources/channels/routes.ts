import type { OpContext, OperationDef } from '../../http/operation.js';
import { created, ok } from '../../http/result.js';
import type { components } from '../../generated/sent-v3.js';
import { MESSAGES } from '../../errors/catalog.js';
import type { ErrorDetails } from '../../errors/sim-error.js';
import { isUuid } from '../../util/random.js';
import { accountOf } from '../account.js';
import { countryOf, declaredMarket, numberTypeOf } from '../compliance/table.js';
import { findMarket } from './markets.js';
import { identityFacts, type ChannelCall } from './market-service.js';
import { campaignBodyProblems, complianceProblems, marketBodyProblems, marketPatchProblems, numberListProblems, rcsProblems, whatsappProblems } from './rules.js';
import type { ChannelServices } from './services.js';

type Schemas = components['schemas'];

const call = (c: OpContext): ChannelCall => ({ tenant: c.tenant, account: accountOf(c), sandbox: c.sandbox, scenario: c.scenario, requestId: c.requestId });
const body = <T>(c: OpContext) => c.body as T;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const US_TEN_DLC = declaredMarket('US', 'TEN_DLC')!;

/** A market PATCH: only `compliance`, something to change, and what the market's declaration allows. */
function patchProblems(c: OpContext): ErrorDetails {
  const details = marketPatchProblems(c.body);
  const country = countryOf(c.params.country);
  const type = numberTypeOf(c.params.type);
  const decl = country && type ? declaredMarket(country, type) : undefined;
  if (!decl || !isRecord(c.body)) return details;
  const account = accountOf(c);
  return { ...details, ...complianceProblems(decl, c.body.compliance, 'compliance', identityFacts(c.tenant, account, findMarket(c.tenant, account, decl.country, decl.number_type))) };
}

function numbersProblems(c: OpContext): ErrorDetails {
  if (!isRecord(c.body)) return {};
  const details = numberListProblems(c.body.numbers, 'numbers');
  if (typeof c.body.campaign_id === 'string' && !isUuid(c.body.campaign_id)) details.campaign_id = [MESSAGES.invalidTenDlcCampaignId];
  return details;
}

function rcsChecks(c: OpContext): ErrorDetails {
  const details = rcsProblems(c.body, '');
  const address = isRecord(c.body) && isRecord(c.body.official_address) ? c.body.official_address : null;
  if (typeof address?.country === 'string' && address.country !== '' && !countryOf(address.country)) details['official_address.country'] = [MESSAGES.countryNotIso];
  return details;
}

/** The channels operations: parse → call the service → return. Profile keys act on their own profile's channels. */
export function channelOperations(s: ChannelServices): Record<string, OperationDef> {
  return {
    retrieveChannels: { access: 'read', handle: (c) => ok(s.markets.retrieveChannels(c.tenant, accountOf(c))) },
    listSmsMarkets: { access: 'read', handle: (c) => ok(s.markets.listSmsMarkets(c.tenant, accountOf(c))) },
    addSmsMarket: {
      access: 'manage',
      check: (c) => marketBodyProblems(c.body, '', identityFacts(c.tenant, accountOf(c))),
      handle: (c) => created(s.markets.addSmsMarket(call(c), body<Schemas['AddSmsMarketRequest']>(c))),
    },
    retrieveSmsMarket: { access: 'read', handle: (c) => ok(s.markets.retrieveSmsMarket(c.tenant, accountOf(c), c.params.country!, c.params.type!)) },
    updateSmsMarket: {
      access: 'manage',
      check: patchProblems,
      handle: (c) => ok(s.markets.updateSmsMarket(call(c), c.params.country!, c.params.type!, body<Schemas['UpdateSmsMarketRequest']>(c))),
    },
    listMarketNumbers: {
      access: 'read',
      handle: (c) => ok(s.numbers.listMarketNumbers(c.tenant, accountOf(c), c.params.channel!, c.params.country!, c.params.type!, c.query.campaign_id)),
    },
    addMarketNumbers: {
      access: 'manage',
      check: numbersProblems,
      handle: (c) => ok(s.numbers.addMarketNumbers(call(c), c.params.channel!, c.params.country!, c.params.type!, body<Schemas['MarketNumbersRequest']>(c))),
    },
    replaceMarketNumbers: {
      access: 'manage',
      check: numbersProblems,
      handle: (c) => ok(s.numbers.replaceMarketNumbers(call(c), c.params.channel!, c.params.country!, c.params.type!, body<Schemas['MarketNumbersRequest']>(c))),
    },
    listTenDlcCampaigns: { access: 'read', handle: (c) => ok(s.campaigns.listTenDlcCampaigns(c.tenant, accountOf(c))) },
    addTenDlcCampaign: {
      access: 'manage',
      check: (c) => campaignBodyProblems(c.body, US_TEN_DLC, 'create'),
      handle: (c) => created(s.campaigns.addTenDlcCampaign(call(c), body<Schemas['TenDlcCampaignRequest']>(c))),
    },
    updateTenDlcCampaign: {
      access: 'manage',
      check: (c) => campaignBodyProblems(c.body, US_TEN_DLC, 'patch'),
      handle: (c) => ok(s.campaigns.updateTenDlcCampaign(call(c), c.params.campaignId!, body<Schemas['TenDlcCampaignPatch']>(c))),
    },
    addWhatsappChannel: {
      access: 'manage',
      check: (c) => whatsappProblems(c.body, ''),
      handle: (c) => created(s.accounts.addWhatsappChannel(call(c), body<Schemas['AddWhatsappRequest']>(c))),
    },
    addRcsChannel: {
      access: 'manage',
      check: rcsChecks,
      handle: (c) => created(s.accounts.addRcsChannel(call(c), body<Schemas['AddRcsRequest']>(c))),
    },
  };
}
