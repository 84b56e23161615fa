import type { OperationDef } from '../../http/operation.js';
import { accepted, ok } from '../../http/result.js';
import { accountOf } from '../account.js';
import type { MessageActions } from './actions.js';
import { sendProblems, sendValidationCode } from './rules.js';
import { messagePlan } from './scenario.js';
import type { MessageService } from './service.js';

/** The message operations: parse → call the service → return. */
export function messageOperations(service: MessageService, actions: MessageActions): Record<string, OperationDef> {
  return {
    sendMessage: {
      access: 'send',
      rateTier: 'messages',
      // Recipient, channel, template/text, schedule and media rules run beside the schema, so one
      // answer lists every failing field; its code is the fields' own when they agree (rules.ts).
      check: (c) => sendProblems(c.body, c.tenant.clock.now()),
      validationCode: sendValidationCode,
      // The scenario in force binds to the lifecycle jobs this send starts.
      handle: (c) => accepted(service.sendMessage(c.tenant, accountOf(c), c.body as Record<string, unknown>, c.sandbox, messagePlan(c.scenario), c.requestId)),
    },
    retrieveMessageStatus: {
      access: 'read',
      handle: (c) => ok(service.retrieveMessageStatus(c.tenant, accountOf(c), c.params.id!)),
    },
    listMessageActivities: {
      access: 'read',
      handle: (c) => ok(service.listMessageActivities(c.tenant, accountOf(c), c.params.id!)),
    },
    cancelMessage: {
      access: 'send',
      // The cancel's request id names its message.cancelled (docs/decisions/0094).
      handle: (c) => ok(actions.cancelMessage(c.tenant, accountOf(c), c.params.id!, c.sandbox, messagePlan(c.scenario), c.requestId)),
    },
    resendMessage: {
      access: 'send',
      // A resend is a new send attempt: the message tier, the scenario in force now, and its own
      // request id on every event of the new attempt (docs/decisions/0094).
      rateTier: 'messages',
      handle: (c) => accepted(actions.resendMessage(c.tenant, accountOf(c), c.params.id!, c.sandbox, messagePlan(c.scenario), c.requestId)),
    },
  };
}
