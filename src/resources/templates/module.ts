import type { ResourceModule } from '../module.js';
import { TEMPLATES } from './collection.js';

/** Templates with their review lifecycle (docs/decisions/0017). */
export const templatesModule: ResourceModule = {
  name: 'templates',
  collections: [TEMPLATES],
  create: () => ({}),
};
