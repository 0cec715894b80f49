/** The mail-sender function (sends outbox emails through SES (attaches personal invitations as PDF)). Handlers as assigned in functions/routes.ts. */

import { handler as mailSender } from '../handlers/mail-sender.ts';
import { consumerEntry } from './dispatch.ts';

export const handler = consumerEntry('mail-sender', {
  'mail-sender': mailSender,
});
