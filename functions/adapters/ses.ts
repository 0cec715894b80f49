import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { MailError, type Mailer } from '../mail/delivery.ts';
import { OUTBOX_HEADER } from '../mail/events.ts';
import type { Permission } from './permissions.ts';
import { sesV2 } from './ses-client.ts';

/** SES v2 SendEmail is authorised on the sending identity and the configuration set named in the call. */
export const PERMISSIONS: readonly Permission[] = [
  { actions: ['ses:SendEmail'], resources: ['mail-identity', 'configuration-set'], fromAddressOnly: true },
];

/** Sends one email through SES v2 (simple content: HTML, text and attachments, no MIME to build). */
export function sesMailer(configurationSet?: string, client: () => SESv2Client = sesV2): Mailer {
  return {
    async send(email) {
      let result: { MessageId?: string | undefined };
      try {
        result = await client().send(
          new SendEmailCommand({
            FromEmailAddress: email.from,
            ReplyToAddresses: [email.replyTo],
            Destination: { ToAddresses: [email.to] },
            ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
            Content: {
              Simple: {
                Subject: { Data: email.subject, Charset: 'UTF-8' },
                Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
                // Matches SES's send events to the outbox (see mail/events.ts).
                Headers: [{ Name: OUTBOX_HEADER, Value: email.outboxId }],
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
      } catch (error) {
        throw classify(error);
      }
      if (!result.MessageId) throw new MailError('transient', 'SES answered without a message id');
      return result.MessageId;
    },
  };
}

const THROTTLED = new Set(['ThrottlingException', 'TooManyRequestsException', 'LimitExceededException', 'Throttling']);
const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'NotFoundException',
  'BadRequestException',
]);

/** SES's errors as the sender needs them: retry a throttle or a fault on the way, not a refusal. */
export function classify(error: unknown): MailError {
  const name = (error as { name?: string }).name ?? 'Error';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const message = `${name}: ${error instanceof Error ? error.message : String(error)}`;
  if (THROTTLED.has(name) || status === 429) return new MailError('throttled', message);
  if (PERMANENT.has(name) || (status !== undefined && status >= 400 && status < 500))
    return new MailError('permanent', message);
  return new MailError('transient', message);
}
