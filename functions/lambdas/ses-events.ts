/** The ses-events function (records SES send, bounce and complaint events (suppression list)). Handlers as assigned in functions/routes.ts. */

import { handler as sesEvents } from '../handlers/ses-events.ts';
import { consumerEntry } from './dispatch.ts';

export const handler = consumerEntry('ses-events', {
  'ses-events': sesEvents,
});
