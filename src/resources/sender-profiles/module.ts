import { channelServices } from '../channels/services.js';
import type { ResourceModule } from '../module.js';
import { SandboxData } from '../profiles/sandbox.js';
import { senderProfileOperations } from './routes.js';
import { SenderProfileService } from './service.js';

/**
 * `/v3/sender-profiles` (sent-api-v3-2026-11 §2.6, decisions §16, docs/decisions/0072): the
 * surface that replaced `/v3/profiles`, over the same records. It declares no collection of its
 * own: a sender profile IS a profile (profiles module), its channels the channels module's.
 */
export const senderProfilesModule: ResourceModule = {
  name: 'sender-profiles',
  create: (deps) =>
    ({
      operations: senderProfileOperations(
        new SenderProfileService({
          random: deps.random,
          tenants: deps.tenants,
          channels: channelServices(deps),
          sandbox: new SandboxData(deps.random),
          maxProfiles: deps.config.maxProfilesPerTenant,
          maxKeys: deps.config.maxKeysPerTenant,
          maxMarkets: deps.config.maxSmsMarketsPerTenant,
          maxCampaigns: deps.config.maxTenDlcCampaignsPerTenant,
        }),
      ),
    }),
};
