import { SESv2Client } from '@aws-sdk/client-sesv2';
import { traced } from './tracing.ts';

/**
 * One SES client per container, made on first use; locally the endpoint is the SES emulator
 * (`AWS_ENDPOINT_URL_SES`).
 */
let client: SESv2Client | undefined;

export function sesV2(): SESv2Client {
  client ??= traced(new SESv2Client({}));
  return client;
}
