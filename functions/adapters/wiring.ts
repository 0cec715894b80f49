import { type CircularsDeps, circularEmailBody, issuedCircularPdf } from '../circulars/operations.ts';
import { ENV, optionalEnv, requireEnv } from '../config.ts';
import type { DocumentModel } from '../documents/model.ts';
import { renderPdf } from '../documents/pdf.ts';
import type { RateLimiter } from '../http/middleware.ts';
import { SESSION_ENV } from '../http/session.ts';
import type { SignInConfig } from '../identity/sign-in.ts';
import { createPacer, type DeliveryDeps } from '../mail/delivery.ts';
import type { MeetingsDeps } from '../meetings/index.ts';
import type { MeetingAdminDeps } from '../meetings/operations.ts';
import type { PartnerRepository } from '../partners/index.ts';
import type { PersonRepository } from '../people/index.ts';
import { registrationCalendar } from '../registrations/calendar.ts';
import { invitationAttachment } from '../registrations/invitation.ts';
import { fillFreeSeats, notifyMeetingChange } from '../registrations/operations.ts';
import type { RegistrationsDeps } from '../registrations/ports.ts';
import type { JobsDeps } from '../reminders/jobs.ts';
import type { HealthDeps } from '../system/health.ts';
import type { JobRunRepository } from '../system/jobs.ts';
import { circularStore } from './dynamodb/circulars.ts';
import { governanceStore } from './dynamodb/governance.ts';
import { jobRunRepository } from './dynamodb/job-runs.ts';
import { mailEventStore } from './dynamodb/mail-events.ts';
import { meetingRepository } from './dynamodb/meetings.ts';
import { outboxStore } from './dynamodb/outbox.ts';
import { partnerRepository } from './dynamodb/partners.ts';
import { personRepository } from './dynamodb/people.ts';
import { probeTable } from './dynamodb/probe.ts';
import { dynamoRateLimiter } from './dynamodb/rate-limit.ts';
import { registrationStore } from './dynamodb/registrations.ts';
import { store } from './dynamodb/store.ts';
import { mailDispatcher } from './mail-queue.ts';
import { probeDocumentsBucket, s3DocumentStore } from './s3.ts';
import { probeSes, sesMailer } from './ses.ts';

/**
 * The domain's dependencies, built from the adapters once per container. One function per
 * capability, so a handler's bundle carries only the adapters it uses (the health probes'
 * S3 and SES clients, for instance, only in the health handler).
 */
export const now = () => new Date();

function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= build();
    return value;
  };
}

export const meetingsDeps = /* @__PURE__ */ once((): MeetingsDeps => ({ meetings: meetingRepository(store()), now }));

export const partnersDeps = /* @__PURE__ */ once((): { partners: PartnerRepository } => ({
  partners: partnerRepository(store()),
}));

export const peopleDeps = /* @__PURE__ */ once((): { people: PersonRepository } => ({
  people: personRepository(store()),
}));

export const jobsDeps = /* @__PURE__ */ once((): { jobRuns: JobRunRepository; now: () => Date } => ({
  jobRuns: jobRunRepository(store()),
  now,
}));

export const healthDeps = /* @__PURE__ */ once((): HealthDeps => {
  const versions = JSON.parse(optionalEnv(ENV.engineVersions, '{}')) as Record<string, string>;
  return {
    engines: [
      { name: 'dynamodb', version: versions.dynamodb ?? 'DynamoDB', probe: probeTable },
      { name: 's3', version: versions.s3 ?? 'S3', probe: probeDocumentsBucket },
      { name: 'ses', version: versions.ses ?? 'SES', probe: probeSes },
    ],
    jobRuns: jobsDeps().jobRuns,
    now,
  };
});

export const registrationsDeps = /* @__PURE__ */ once(
  (): RegistrationsDeps => ({
    store: registrationStore(store(), now),
    mail: mailDispatcher(),
    now,
    publicBaseUrl: requireEnv(ENV.publicBaseUrl).replace(/\/+$/, ''),
  }),
);

/** What renders documents on its own (hub reports). */
export const documentDeps = /* @__PURE__ */ once(() => ({
  renderPdf: (model: DocumentModel) => renderPdf(model),
  now,
  contactEmail: optionalEnv(ENV.secretariatEmail, 'u4ssc@itu.int'),
}));

export const deliveryDeps = /* @__PURE__ */ once((): DeliveryDeps => {
  const replyTo = requireEnv(ENV.secretariatEmail);
  const registrations = registrationStore(store(), now);
  const events = mailEventStore(store());
  return {
    outbox: outboxStore(store()),
    mailer: sesMailer(optionalEnv(ENV.sesConfigurationSet, '') || undefined),
    makeAttachment: async (spec) => {
      if (spec.kind === 'meeting-ics')
        return registrationCalendar({ store: registrations, organizerEmail: replyTo, now }, spec);
      if (spec.kind === 'invitation-pdf')
        return invitationAttachment({ store: registrations, renderPdf, now, contactEmail: replyTo }, spec);
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
    renderDocumentBody: (spec) => circularEmailBody({ store: circularStore(store(), now) }, spec.circularId, spec.lang),
    isSuppressed: (email) => events.isSuppressed(email),
    findSend: (outboxId) => events.findSend(outboxId),
    pace: pacer(),
    leaseMs: Number(optionalEnv(ENV.mailLeaseSeconds, '60')) * 1000,
    from: requireEnv(ENV.mailFrom),
    replyTo,
    now,
  };
});

/** Public writes per client and minute (RATE_LIMIT_PER_MINUTE, default 30). */
export const publicWriteLimiter = /* @__PURE__ */ once(
  (): RateLimiter =>
    dynamoRateLimiter(store(), { limit: Number(optionalEnv(ENV.rateLimitPerMinute, '30')), windowSeconds: 60 }),
);

export const meetingAdminDeps = /* @__PURE__ */ once(
  (): MeetingAdminDeps => ({
    meetings: meetingRepository(store()),
    notifyMeetingChange: (meetingId) => notifyMeetingChange(registrationsDeps(), meetingId),
    fillFreeSeats: (meetingId) => fillFreeSeats(registrationsDeps(), meetingId),
  }),
);

/** The console's hosted login (Cognito in AWS). */
export const signInConfig = /* @__PURE__ */ once(
  (): SignInConfig => ({
    domain: requireEnv(SESSION_ENV.signInDomain),
    clientId: requireEnv(SESSION_ENV.audience),
    redirectUri: `${requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '')}/console/callback`,
  }),
);

export const circularsDeps = /* @__PURE__ */ once(
  (): CircularsDeps => ({
    store: circularStore(store(), now),
    documents: s3DocumentStore(),
    renderPdf: (model) => renderPdf(model),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    now,
    publicBaseUrl: requireEnv(ENV.publicBaseUrl).replace(/\/+$/, ''),
  }),
);

/** One pacer per container: sends at MAIL_RATE_PER_SECOND (default 14, SES's usual starting quota). */
export const pacer = /* @__PURE__ */ once(() => createPacer(Number(optionalEnv(ENV.mailRatePerSecond, '14'))));

export const mailEventDeps = /* @__PURE__ */ once(() => ({ store: mailEventStore(store()), now }));

/** The scheduled reminder jobs' view of the data. */
export const reminderDeps = /* @__PURE__ */ once((): JobsDeps => {
  const registrations = registrationStore(store(), now);
  return {
    meetings: meetingRepository(store()),
    registrations,
    governance: governanceStore(store()),
    queueMessages: (messages) => registrations.queueMessages(messages),
    dispatch: (ids) => mailDispatcher().dispatch(ids),
    secretariatEmail: requireEnv(ENV.secretariatEmail),
    publicBaseUrl: requireEnv(ENV.publicBaseUrl).replace(/\/+$/, ''),
  };
});

/** The console's email log. */
export const emailLogDeps = /* @__PURE__ */ once(() => {
  const outbox = outboxStore(store());
  const registrations = registrationStore(store(), now);
  return {
    store: { listByStatus: outbox.listByStatus, get: outbox.get, queueMessages: registrations.queueMessages },
    dispatch: (ids: string[]) => mailDispatcher().dispatch(ids),
    now,
  };
});
