import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';

/** One SES client per container; locally the endpoint is the SES emulator (`AWS_ENDPOINT_URL_SES`). */
export const sesV2 = new SESv2Client({});

/** Reaches SES and answers whether sending is enabled for the account. */
export async function probeSes(): Promise<{ sendingEnabled: boolean; maxSendRate: number | undefined }> {
  const account = await sesV2.send(new GetAccountCommand({}));
  return { sendingEnabled: account.SendingEnabled ?? false, maxSendRate: account.SendQuota?.MaxSendRate };
}
