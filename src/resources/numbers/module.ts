import { ok } from '../../http/result.js';
import type { ResourceModule } from '../module.js';
import { lookupNumber } from './service.js';

/**
 * Number lookup (docs/decisions/0020). Any role reads. The number arrives with a literal `+`
 * (the SDK does not encode it); Express decodes path parameters with decodeURIComponent, which
 * keeps `+` (and turns `%2B` into one) — only query strings read `+` as a space.
 */
export const numbersModule: ResourceModule = {
  name: 'numbers',
  create: () => ({
    operations: {
      lookupNumber: { access: 'read', handle: (c) => ok(lookupNumber(c.params.phoneNumber!)) },
    },
  }),
};
