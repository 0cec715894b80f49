import { GetAccountCommand, SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../mail/delivery.ts';

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

/** Sends one email through SES v2 (simple content: HTML, text and attachments, no MIME to build). */
export function sesMailer(configurationSet?: string): Mailer {
  return {
    async send(email) {
      const result = await sesV2().send(
        new SendEmailCommand({
          FromEmailAddress: email.from,
          ReplyToAddresses: [email.replyTo],
          Destination: { ToAddresses: [email.to] },
          ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
              ...(email.attachments.length
                ? {
                    Attachments: email.attachments.map((a) => ({
                      FileName: a.filename.replace(/[^\w.-]+/g, '_'),
                      ContentType: a.contentType,
                      RawContent: a.content,
                      ContentDisposition: 'ATTACHMENT' as const,
                    })),
                  }
                : {}),
            },
          },
        }),
      );
      if (!result.MessageId) throw new Error('SES answered without a message id');
      return result.MessageId;
    },
  };
}
