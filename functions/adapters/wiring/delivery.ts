import { circularEmailBody, issuedCircularPdf } from '../../circulars/operations.ts';
import { ENV, optionalEnv, requireEnv } from '../../config.ts';
import { printableName } from '../../documents/glyphs.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { decisionRecordAttachment, requestVerifyLink } from '../../governance/index.ts';
import {
  createPacer,
  DEFAULT_RETRY_HOURS,
  type DeliveryDeps,
  type DeliveryScope,
  readOnce,
} from '../../mail/delivery.ts';
import { registrationCalendar } from '../../registrations/calendar.ts';
import { invitationAttachment } from '../../registrations/invitation.ts';
import { carriedRegistrantLinks, registrantLinks } from '../../registrations/notifications.ts';
import { circularStore } from '../dynamodb/circulars.ts';
import { mailEventStore } from '../dynamodb/mail-events.ts';
import { outboxStore } from '../dynamodb/outbox.ts';
import { registrationStore } from '../dynamodb/registrations.ts';
import { store } from '../dynamodb/store.ts';
import { s3DocumentStore } from '../s3.ts';
import { sesMailer } from '../ses.ts';
import { now, once, publicBaseUrl } from './core.ts';
import { governanceDeps } from './governance.ts';
import { governanceDocumentDeps } from './governance-documents.ts';

/** One pacer per container: sends at MAIL_RATE_PER_SECOND (default 14, SES's usual starting quota). */
export const pacer = /* @__PURE__ */ once(() => createPacer(Number(optionalEnv(ENV.mailRatePerSecond, '14'))));

/**
 * The mail sender: claims outbox messages, builds their attachments and sends them through SES.
 * Renders PDFs (personal invitations attached to approvals): only the functions that render
 * (FUNCTIONS[…].renders in functions/routes.ts) may import this.
 */
export const deliveryDeps = /* @__PURE__ */ once((): DeliveryDeps => {
  const replyTo = requireEnv(ENV.secretariatEmail);
  const registrations = registrationStore(store(), now);
  const events = mailEventStore(store());
  /** The registration store as one delivery sees it: each registration read once. */
  const within = (scope: DeliveryScope): typeof registrations => ({
    ...registrations,
    getRegistration: (meetingId, registrationId) =>
      readOnce(scope, `registration/${meetingId}/${registrationId}`, () =>
        registrations.getRegistration(meetingId, registrationId),
      ),
  });
  return {
    outbox: outboxStore(store()),
    mailer: sesMailer(optionalEnv(ENV.sesConfigurationSet, '') || undefined),
    makeAttachment: async (spec, scope) => {
      if (spec.kind === 'meeting-ics') {
        const { checked } = scope;
        const known = checked?.meetingId === spec.meetingId && checked.registrationId === spec.registrationId;
        return registrationCalendar(
          { store: within(scope), organizerEmail: replyTo, now },
          spec,
          known ? checked : undefined,
        );
      }
      if (spec.kind === 'invitation-pdf')
        return invitationAttachment(
          { store: within(scope), renderPdf, printableName, now, contactEmail: replyTo },
          spec,
        );
      if (spec.kind === 'decision-record-pdf')
        return decisionRecordAttachment(governanceDocumentDeps(), spec.requestId, spec.lang);
      const { pdf, circular } = await issuedCircularPdf(
        { store: circularStore(store(), now), documents: s3DocumentStore() },
        spec.circularId,
        spec.lang,
      );
      return {
        filename: `${circular.bureau}-Circular-${circular.number}-${spec.lang}.pdf`,
        contentType: 'application/pdf',
        content: pdf,
      };
    },
    resolveLinks: (spec, scope) =>
      'requestId' in spec
        ? requestVerifyLink(governanceDeps(), spec)
        : registrantLinks({ store: within(scope), base: publicBaseUrl() }, spec),
    carriedLinks: (spec, carried) => carriedRegistrantLinks(publicBaseUrl(), spec, carried),
    renderDocumentBody: (spec) =>
      circularEmailBody(
        { store: circularStore(store(), now), publicBaseUrl: publicBaseUrl() },
        spec.circularId,
        spec.lang,
      ),
    isSuppressed: (email) => events.isSuppressed(email),
    findSend: (outboxId) => events.findSend(outboxId),
    pace: pacer(),
    leaseMs: Number(optionalEnv(ENV.mailLeaseSeconds, '60')) * 1000,
    retryForMs: Number(optionalEnv(ENV.mailRetryHours, String(DEFAULT_RETRY_HOURS))) * 3_600_000,
    from: requireEnv(ENV.mailFrom),
    replyTo,
    now,
  };
});
