import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * One SES client per container, made on first use; locally the endpoint is the SES emulator
 * (`AWS_ENDPOINT_URL_SES`).
 */
let client: SESv2Client | undefined;

export function sesV2(): SESv2Client {
  client ??= new SESv2Client({});
  return client;
}

/** Reaches SES and answers whether sending is enabled for the account. */
export async function probeSes(): Promise<{ sendingEnabled: boolean; maxSendRate: number | undefined }> {
  const account = await sesV2().send(new GetAccountCommand({}));
  return { sendingEnabled: account.SendingEnabled ?? false, maxSendRate: account.SendQuota?.MaxSendRate };
}
