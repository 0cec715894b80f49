import type { Role } from './identity/roles.ts';

/**
 * The single list of the platform's Lambda functions, API routes, scheduled jobs and queue
 * consumers. A Lambda function serves one capability for one audience (`FUNCTIONS`); each
 * route, job and consumer names the function that serves it. The CDK stack creates one
 * function per `FUNCTIONS` entry, one API Gateway route per route (all of a function's routes
 * share one integration) and one EventBridge schedule per job; the local runtime routes
 * requests and fires schedules from the same lists, through the same function entries
 * (functions/lambdas/). A handler finds its own route here to learn which roles it enforces.
 */
export type Access =
  /** Anyone. */
  | 'public'
  /** A bearer token (Cognito JWT, verified by the API's authorizer) with one of these roles. */
  | readonly Role[]
  /** The console: a session cookie (verified in the handler) with one of these roles. */
  | { readonly console: readonly Role[] };

/** The roles whose bearer token the API's JWT authorizer must check, or none for routes it leaves open. */
export const bearerRoles = (access: Access): readonly Role[] | undefined =>
  Array.isArray(access) ? access : undefined;

export interface FunctionDefinition {
  readonly description: string;
  /** Renders documents (PDF): the fonts are bundled and memory is doubled. */
  readonly renders: boolean;
  /** Seconds; default 10. A function's jobs may ask for more (`JobDefinition`). */
  readonly timeoutSeconds?: number;
  /** MB; default 1024 when it renders, else 512. A function's jobs may ask for more. */
  readonly memoryMb?: number;
}

/**
 * The Lambda functions, one per capability and audience. Each has an entry module
 * `functions/lambdas/<name>.ts` that bundles the handlers of the routes (or jobs, or the
 * consumer) naming it and dispatches to them. Grouping keeps the stack far from
 * CloudFormation's 500 resources (one function per route cost 7 resources a route) and lets
 * each function's role carry only what its own adapters call.
 */
export const FUNCTIONS = {
  site: { description: 'Public pages: home, meetings, a meeting page, not found', renders: false },
  health: { description: 'Health: engines reached, scheduler heartbeat', renders: false },
  registration: {
    description: 'Registrants: the form, the JSON API, email verification and self-service',
    renders: false,
  },
  documents: {
    description: 'Documents rendered on request: personal invitations, issued circulars, hub report previews',
    renders: true,
  },
  'meetings-admin': {
    description: 'Secretariat API: meetings, registration decisions, partners, the signed-in person',
    renders: false,
  },
  circulars: { description: 'Secretariat API: circulars and distribution lists', renders: true },
  console: {
    description: 'Secretariat console: meetings, registrations, email log; sign-in and sign-out',
    renders: false,
  },
  'console-circulars': { description: 'Secretariat console: circulars and distribution lists', renders: true },
  jobs: {
    description: 'Scheduled jobs: reminders, digests, re-drive, retention, heartbeat',
    renders: false,
    timeoutSeconds: 60,
  },
  governance: {
    description:
      'Governance: requests of every kind of the Terms of Reference, their transitions, votes and audit trails',
    renders: false,
  },
  'governance-documents': {
    description:
      'Governance documents: decision records, the Annex II list of partners (page and PDF), minutes of e-meetings',
    renders: true,
  },
  'mail-sender': {
    description: 'Sends outbox emails through SES (attaches personal invitations as PDF)',
    renders: true,
    timeoutSeconds: 60,
  },
  'ses-events': {
    description: 'Records SES send, bounce and complaint events (suppression list)',
    renders: false,
    timeoutSeconds: 60,
  },
  hubs: {
    description: "Hubs: a hub's year (records, report review), the secretariat's portfolio, published reports",
    renders: false,
  },
  'hub-reports': {
    description: 'Hub annual reports as PDF: draft previews and publication; files attached to activities',
    renders: true,
    timeoutSeconds: 60,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof FUNCTIONS;

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

export interface RouteDefinition {
  /** HTTP method and path in API Gateway syntax, e.g. `GET /api/meetings/{meetingId}`. */
  readonly routeKey: string;
  /** File name (without extension) under functions/handlers/. */
  readonly handler: string;
  /** The Lambda function that serves it. */
  readonly fn: FunctionName;
  readonly access: Access;
  readonly description: string;
}

export interface JobDefinition {
  readonly name: string;
  readonly handler: string;
  readonly fn: FunctionName;
  /** EventBridge Scheduler expression, evaluated in `timeZone`. */
  readonly schedule: string;
  readonly timeZone: string;
  readonly description: string;
  /**
   * What its largest run needs, sized from its benchmark (README, Performance): the function
   * that runs it gets at least this timeout and memory.
   */
  readonly timeoutSeconds?: number;
  readonly memoryMb?: number;
}

/** Secretariat routes: `[routeKey, handler, description]`, all with the same function and access. */
function secretariatRoutes<const K extends string, const A extends Access>(
  fn: FunctionName,
  access: A,
  entries: readonly (readonly [K, string, string])[],
) {
  return entries.map(([routeKey, handler, description]) => ({ routeKey, handler, fn, access, description }));
}

const SIGNED_IN: readonly Role[] = ['secretariat', 'partner', 'board', 'leader', 'hub', 'participant'];

export const ROUTES = [
  { routeKey: 'GET /', handler: 'home', fn: 'site', access: 'public', description: 'Home page: upcoming meetings' },
  {
    routeKey: 'GET /health',
    handler: 'health',
    fn: 'health',
    access: 'public',
    description: 'Health and engine versions',
  },
  {
    routeKey: 'GET /api/meetings',
    handler: 'meetings-list',
    fn: 'site',
    access: 'public',
    description: 'Meetings, soonest first',
  },
  {
    routeKey: 'GET /api/openapi.json',
    handler: 'openapi',
    fn: 'site',
    access: 'public',
    description: 'The JSON API as OpenAPI 3.1, generated from its schemas, with the roles of each route',
  },
  {
    routeKey: 'GET /api/meetings/{meetingId}',
    handler: 'meetings-get',
    fn: 'site',
    access: 'public',
    description: 'One meeting',
  },
  {
    routeKey: 'GET /meetings/{meetingId}',
    handler: 'meeting-page',
    fn: 'site',
    access: 'public',
    description: "A meeting's public page",
  },
  {
    routeKey: 'GET /api/partners',
    handler: 'partners-list',
    fn: 'meetings-admin',
    access: ['secretariat', 'partner', 'board'],
    description: 'U4SSC partners (ToR Annex II) with their focal points',
  },
  {
    routeKey: 'GET /api/me',
    handler: 'me',
    fn: 'meetings-admin',
    access: SIGNED_IN,
    description: 'The signed-in person and roles',
  },

  // Public registration (Circular 352 §5–6): form, JSON API, email verification, self-service.
  {
    routeKey: 'GET /meetings/{meetingId}/register',
    handler: 'registration-form',
    fn: 'registration',
    access: 'public',
    description: 'Registration form',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/register',
    handler: 'registration-submit',
    fn: 'registration',
    access: 'public',
    description: 'Registration form sent',
  },
  {
    routeKey: 'POST /api/meetings/{meetingId}/registrations',
    handler: 'registration-submit',
    fn: 'registration',
    access: 'public',
    description: 'Registration as JSON',
  },
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}/verify',
    handler: 'registration-verify-page',
    fn: 'registration',
    access: 'public',
    description: 'Email verification link: asks to confirm',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/registrations/{registrationId}/verify',
    handler: 'registration-verify',
    fn: 'registration',
    access: 'public',
    description: 'Email verification confirmed',
  },
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}',
    handler: 'registration-manage',
    fn: 'registration',
    access: 'public',
    description: 'Self-service page of a registration',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/registrations/{registrationId}/update',
    handler: 'registration-update',
    fn: 'registration',
    access: 'public',
    description: 'Registrant changes their details',
  },
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}/withdraw',
    handler: 'registration-withdraw-confirm',
    fn: 'registration',
    access: 'public',
    description: 'Registrant is asked to confirm the withdrawal',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/registrations/{registrationId}/withdraw',
    handler: 'registration-withdraw',
    fn: 'registration',
    access: 'public',
    description: 'Registrant withdraws',
  },
  {
    routeKey: 'POST /meetings/{meetingId}/registrations/{registrationId}/delete',
    handler: 'registration-delete',
    fn: 'registration',
    access: 'public',
    description: 'Registrant deletes their data',
  },
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}/data.json',
    handler: 'registration-data',
    fn: 'registration',
    access: 'public',
    description: 'Registrant downloads their data',
  },
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}/calendar.ics',
    handler: 'registration-calendar',
    fn: 'registration',
    access: 'public',
    description: 'An approved registrant downloads the calendar entry',
  },

  // Secretariat: meetings and registration decisions.
  {
    routeKey: 'POST /api/meetings',
    handler: 'meeting-create',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: 'Create a meeting',
  },
  {
    routeKey: 'PATCH /api/meetings/{meetingId}',
    handler: 'meeting-update',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: 'Change a meeting (registrants are told of changes to time, format or joining details)',
  },
  {
    routeKey: 'GET /api/meetings/{meetingId}/registrations',
    handler: 'registrations-list',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: "A meeting's registrations, by status",
  },
  {
    routeKey: 'GET /api/meetings/{meetingId}/registrations.csv',
    handler: 'registrations-csv',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: "A meeting's registrations as CSV",
  },
  {
    routeKey: 'POST /api/meetings/{meetingId}/registrations/{registrationId}/approve',
    handler: 'registration-approve',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: 'Approve a registration',
  },
  {
    routeKey: 'POST /api/meetings/{meetingId}/registrations/{registrationId}/reject',
    handler: 'registration-reject',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: 'Reject a registration, with a reason',
  },
  {
    routeKey: 'POST /api/meetings/{meetingId}/registrations/decisions',
    handler: 'registrations-decide',
    fn: 'meetings-admin',
    access: ['secretariat'],
    description: 'Approve or reject many registrations',
  },

  // Circulars (DOMAIN §3): drafts, preview, issue, distribution.
  ...secretariatRoutes('circulars', ['secretariat'] as const, [
    ['POST /api/circulars', 'circular-create', 'Create a circular draft (from a meeting)'],
    ['GET /api/circulars', 'circulars-list', 'Circulars, newest first'],
    ['GET /api/circulars/{circularId}', 'circular-get', 'A circular and its distribution progress'],
    ['PATCH /api/circulars/{circularId}', 'circular-update', 'Edit a draft; of an issued one, its lists'],
    ['GET /api/circulars/{circularId}/preview.pdf', 'circular-preview', 'PDF preview of a draft'],
    ['POST /api/circulars/{circularId}/issue', 'circular-issue', 'Issue: number, date, freeze, store the PDFs'],
    ['POST /api/circulars/{circularId}/import', 'circular-import', 'Record one issued before: its number, date, PDFs'],
    ['POST /api/circulars/{circularId}/distribute', 'circular-distribute', 'Email it to its distribution lists'],
    ['GET /api/circular-sequences', 'circular-sequences', "Each issuing body's next number and its changes"],
    ['PUT /api/circular-sequences/{bureau}', 'circular-sequence-set', "Start a body's sequence at a number (audited)"],
    ['GET /api/distribution-lists/{listId}', 'distribution-list-get', 'A distribution list'],
    ['PUT /api/distribution-lists/{listId}', 'distribution-list-save', 'Create or replace a distribution list'],
  ]),
  {
    routeKey: 'GET /meetings/{meetingId}/registrations/{registrationId}/invitation.pdf',
    handler: 'registration-invitation',
    fn: 'documents',
    access: 'public',
    description: 'An approved registrant downloads their personal invitation',
  },
  {
    routeKey: 'POST /api/hub-reports/preview.pdf',
    handler: 'hub-report-preview',
    fn: 'documents',
    access: ['secretariat', 'hub'],
    description: "A hub's annual report as PDF, from its data",
  },
  {
    routeKey: 'GET /circulars/{circularId}/{file}',
    handler: 'circular-pdf',
    fn: 'documents',
    access: 'public',
    description: 'An issued circular as PDF (file = <lang>.pdf)',
  },

  // Hub annual reports (ToR §30): a hub's year, the secretariat's review, publication.
  {
    routeKey: 'GET /api/hubs',
    handler: 'hubs-list',
    fn: 'hubs',
    access: ['secretariat', 'hub'],
    description: 'The hubs the caller works for (the secretariat: all)',
  },
  {
    routeKey: 'GET /api/hubs/{hubId}/years/{year}',
    handler: 'hub-year-get',
    fn: 'hubs',
    access: ['secretariat', 'hub'],
    description: "A hub's year: activities, cities, KPI values, finances, plan, the report and its draft",
  },
  {
    routeKey: 'POST /api/hubs/{hubId}/years/{year}',
    handler: 'hub-year-change',
    fn: 'hubs',
    access: ['secretariat', 'hub'],
    description:
      "Change a hub's year by action: records, KPI CSV import, report words, submit, accept, return, correct",
  },
  {
    routeKey: 'GET /api/hubs/{hubId}/years/{year}/report.pdf',
    handler: 'hub-report-draft',
    fn: 'hub-reports',
    access: ['secretariat', 'hub'],
    description: "The year's report as it stands, as PDF marked DRAFT",
  },
  {
    routeKey: 'POST /api/hubs/{hubId}/years/{year}/publish',
    handler: 'hub-report-publish',
    fn: 'hub-reports',
    access: ['secretariat'],
    description: 'Publish an accepted report: PDFs per language in S3 with SHA-256, emails, lastReportYear',
  },
  {
    routeKey: 'POST /api/hubs/{hubId}/years/{year}/attachments',
    handler: 'hub-attachment-add',
    fn: 'hub-reports',
    access: ['secretariat', 'hub'],
    description: 'Attach a file to an activity (PDF, image, office document or text; base64, at most 180 KB)',
  },
  {
    routeKey: 'GET /api/hubs/{hubId}/years/{year}/attachments/{attachmentId}',
    handler: 'hub-attachment-file',
    fn: 'hub-reports',
    access: ['secretariat', 'hub'],
    description: "A file attached to one of the year's activities",
  },
  {
    routeKey: 'GET /api/hub-portfolio',
    handler: 'hub-portfolio',
    fn: 'hubs',
    access: ['secretariat'],
    description: 'Hubs × years: published, submitted, in progress or missing, with KPI coverage (JSON or CSV)',
  },
  {
    routeKey: 'GET /api/hub-portfolio.pdf',
    handler: 'hub-portfolio-pdf',
    fn: 'hub-reports',
    access: ['secretariat'],
    description: "The year's summary across hubs as PDF: report status, KPI coverage, a chart per dimension",
  },
  {
    routeKey: 'GET /hubs/reports',
    handler: 'hub-reports-page',
    fn: 'hubs',
    access: 'public',
    description: 'Published hub annual reports, per hub and year',
  },
  {
    routeKey: 'GET /hubs/{hubId}/reports/{year}/{file}',
    handler: 'hub-report-file',
    fn: 'hubs',
    access: 'public',
    description: 'A published hub annual report as PDF (file = <lang>.pdf)',
  },

  // The console's hub pages: the secretariat's portfolio and review, a hub's own year.
  ...secretariatRoutes('hubs', { console: ['secretariat', 'hub'] } as const, [
    ['GET /console/hubs', 'console-hubs', "Console: hubs × years (the secretariat), or the hub's own"],
    ['GET /console/hubs/{hubId}/years/{year}', 'console-hub-year', "Console: a hub's year, its report and review"],
    ['POST /console/hubs/{hubId}/years/{year}', 'console-hub-year-save', "Console: a change to a hub's year"],
  ]),
  ...secretariatRoutes('hub-reports', { console: ['secretariat', 'hub'] } as const, [
    ['GET /console/hubs/{hubId}/years/{year}/report.pdf', 'console-hub-report-pdf', 'Console: the report as PDF'],
  ]),
  ...secretariatRoutes('hub-reports', { console: ['secretariat'] } as const, [
    ['POST /console/hubs/{hubId}/years/{year}/publish', 'console-hub-report-publish', 'Console: publish a report'],
  ]),

  // The secretariat console: server-rendered pages, signed in with a session cookie.
  ...secretariatRoutes('console', { console: ['secretariat'] } as const, [
    ['GET /console', 'console-meetings', 'Console: meetings'],
    ['GET /console/meetings/new', 'console-meeting-edit', 'Console: new meeting'],
    ['GET /console/meetings/{meetingId}', 'console-meeting-edit', 'Console: meeting editor'],
    ['POST /console/meetings', 'console-meeting-save', 'Console: create a meeting'],
    ['POST /console/meetings/{meetingId}', 'console-meeting-save', 'Console: save a meeting'],
    ['GET /console/meetings/{meetingId}/registrations', 'console-registrations', 'Console: registrations'],
    ['POST /console/meetings/{meetingId}/registrations', 'console-registrations-decide', 'Console: bulk decisions'],
    [
      'GET /console/meetings/{meetingId}/registrations/{registrationId}',
      'console-registration',
      'Console: a registration, its decisions and its emails',
    ],
    ['GET /console/meetings/{meetingId}/registrations.csv', 'console-registrations-csv', 'Console: CSV export'],
    ['GET /console/emails', 'console-emails', 'Console: email log of a meeting, circular or person'],
    ['GET /console/emails/{messageId}', 'console-email', 'Console: one email as it was sent'],
    ['POST /console/emails/{messageId}/resend', 'console-email-resend', 'Console: send an email again'],
  ]),
  ...secretariatRoutes('console-circulars', { console: ['secretariat'] } as const, [
    ['GET /console/circulars', 'console-circulars', 'Console: circulars'],
    ['POST /console/circulars', 'console-circular-create', 'Console: new circular draft'],
    ['GET /console/circulars/{circularId}', 'console-circular-edit', 'Console: circular editor, or an issued one'],
    ['POST /console/circulars/{circularId}', 'console-circular-save', 'Console: save a circular draft'],
    ['GET /console/circulars/{circularId}/preview.pdf', 'console-circular-preview', 'Console: PDF preview (framed)'],
    ['POST /console/circulars/{circularId}/issue', 'console-circular-issue', 'Console: issue a circular'],
    ['POST /console/circulars/{circularId}/delete', 'console-circular-delete', 'Console: delete a circular draft'],
    ['POST /console/circulars/{circularId}/distribute', 'console-circular-distribute', 'Console: distribute'],
    ['GET /console/circular-sequences', 'console-circular-sequences', "Console: each issuing body's numbers"],
    ['POST /console/circular-sequences/{bureau}', 'console-circular-sequence-set', 'Console: start a sequence'],
    ['GET /console/distribution-lists', 'console-distribution-list', 'Console: open a distribution list by id'],
    ['GET /console/distribution-lists/{listId}', 'console-distribution-list', 'Console: distribution list editor'],
    ['POST /console/distribution-lists/{listId}', 'console-distribution-list-save', 'Console: save a list'],
  ]),
  // Governance (ToR §10–38): one approvals engine for every kind of request (functions/governance/).
  ...secretariatRoutes('governance', SIGNED_IN, [
    [
      'GET /api/governance/requests',
      'governance-requests-list',
      'Requests one may see; ?waiting=me: the inbox, counts by kind',
    ],
    [
      'GET /api/governance/requests/{requestId}',
      'governance-request-get',
      'A request, its audit trail, ballots and my actions',
    ],
    [
      'POST /api/governance/requests/{requestId}/transitions',
      'governance-request-transition',
      'Take an action: {action, version, comment}',
    ],
    ['GET /api/governance/requests/{requestId}/audit.csv', 'governance-audit-csv', "A request's audit trail as CSV"],
    [
      'GET /api/governance/structure',
      'governance-structure-get',
      'Thematic groups, deliverables (timeline, contributors, minutes), offices with their history, IP-lead e-meetings',
    ],
    [
      'POST /api/governance/structure',
      'governance-structure-act',
      'One action: {action: group | deliverable | contribute | office | ip-lead-meeting, …} (roles per action)',
    ],
  ]),
  // Requests carry files (documents bucket): opening and adding files are governance-documents'.
  {
    routeKey: 'POST /api/governance/requests',
    handler: 'governance-request-open',
    fn: 'governance-documents',
    access: SIGNED_IN,
    description: 'Open a request of a kind (roles per kind), with its files if any',
  },
  {
    routeKey: 'POST /api/governance/requests/{requestId}/attachments',
    handler: 'governance-request-attach',
    fn: 'governance-documents',
    access: SIGNED_IN,
    description: 'Add files to a request (its requester or the secretariat, until it is decided)',
  },
  {
    routeKey: 'GET /api/governance/requests/{requestId}/attachments/{attachmentId}',
    handler: 'governance-request-file',
    fn: 'governance-documents',
    access: SIGNED_IN,
    description: "A request's file, for whoever may read the request",
  },
  {
    routeKey: 'POST /api/governance/deliverables/{deliverableId}/minutes',
    handler: 'governance-minutes-upload',
    fn: 'governance-documents',
    access: ['secretariat', 'leader'],
    description: "The minutes of an e-meeting of a deliverable (PDF or DOCX, base64), by the group's leader",
  },
  {
    routeKey: 'GET /api/governance/deliverables/{deliverableId}/minutes/{minutesId}',
    handler: 'governance-minutes-file',
    fn: 'governance-documents',
    access: SIGNED_IN,
    description: "The minutes of a deliverable's e-meeting, for whoever may list them",
  },
  ...secretariatRoutes('governance', { console: SIGNED_IN } as const, [
    ['GET /console/governance', 'console-governance', 'Console: governance requests; what waits for my decision'],
    ['POST /console/governance', 'console-governance-open', 'Console: open a request of a kind the person may open'],
    [
      'GET /console/governance/requests/{requestId}',
      'console-governance-request',
      'Console: a request, its audit trail',
    ],
    ['POST /console/governance/requests/{requestId}', 'console-governance-act', 'Console: act on a request, or vote'],
    [
      'GET /console/governance/structure',
      'console-governance-structure',
      'Console: thematic groups, deliverables, offices and their history, IP-lead e-meetings',
    ],
    [
      'POST /console/governance/structure',
      'console-governance-structure-act',
      'Console: record an appointment or an IP-lead e-meeting; contribute to a deliverable',
    ],
  ]),
  // Public hub requests (ToR §30): the form, email verification.
  {
    routeKey: 'GET /hub-requests/new',
    handler: 'hub-request-form',
    fn: 'governance',
    access: 'public',
    description: 'The hub request form, in six languages',
  },
  {
    routeKey: 'POST /hub-requests',
    handler: 'hub-request-submit',
    fn: 'governance',
    access: 'public',
    description: 'A hub request sent (form or JSON); the address is confirmed by email first',
  },
  {
    routeKey: 'GET /hub-requests/{requestId}/verify',
    handler: 'hub-request-verify-page',
    fn: 'governance',
    access: 'public',
    description: 'Email verification link of a hub request: asks to confirm',
  },
  {
    routeKey: 'POST /hub-requests/{requestId}/verify',
    handler: 'hub-request-verify',
    fn: 'governance',
    access: 'public',
    description: 'Hub request confirmed: it goes to the secretariat',
  },
  {
    routeKey: 'GET /api/governance/requests/{requestId}/decision/{file}',
    handler: 'governance-decision-pdf',
    fn: 'governance-documents',
    access: SIGNED_IN,
    description:
      "A request's document as PDF: an e-decision's decision record, a logo consent letter (file = en.pdf or ru.pdf)",
  },
  {
    routeKey: 'GET /partners',
    handler: 'partners-page',
    fn: 'governance-documents',
    access: 'public',
    description: 'The Annex II list of partners, from the records, in six languages',
  },
  {
    routeKey: 'GET /partners/annex-ii/{file}',
    handler: 'partners-annex-pdf',
    fn: 'governance-documents',
    access: 'public',
    description: 'The Annex II list as PDF (file = <lang>.pdf)',
  },
  {
    routeKey: 'PUT /api/governance/requests/{requestId}/votes',
    handler: 'governance-vote',
    fn: 'governance',
    access: ['partner'],
    description: "A partner's vote (for, against, abstain), changeable until the vote closes",
  },
  {
    routeKey: 'GET /console/sign-in',
    handler: 'console-sign-in',
    fn: 'console',
    access: 'public',
    description: 'Console: to the hosted login (answered by the local gateway on one machine)',
  },
  {
    routeKey: 'GET /console/callback',
    handler: 'console-callback',
    fn: 'console',
    access: 'public',
    description: 'Console: back from the hosted login',
  },
  {
    routeKey: 'POST /console/sign-out',
    handler: 'console-sign-out',
    fn: 'console',
    access: 'public',
    description: 'Console: sign out',
  },
] as const satisfies readonly RouteDefinition[];

/** `HEAD /x` for `GET /x`: every GET route answers HEAD too, without the body (the stack adds the HEAD routes). */
export const headRouteKey = (routeKey: string) =>
  routeKey.startsWith('GET ') ? `HEAD ${routeKey.slice(4)}` : undefined;

/** Requests that match no route (API Gateway's `$default`). */
export const FALLBACK_HANDLER = 'not-found';
export const FALLBACK_FUNCTION: FunctionName = 'site';

export const JOBS = [
  {
    name: 'scheduler-heartbeat',
    handler: 'job-scheduler-heartbeat',
    fn: 'jobs',
    schedule: 'rate(5 minutes)',
    timeZone: 'Europe/Zurich',
    description: 'Records that the scheduler ran, so /health can tell a stalled scheduler',
  },
  {
    name: 'outbox-redrive',
    handler: 'job-outbox-redrive',
    fn: 'jobs',
    schedule: 'rate(5 minutes)',
    timeZone: 'Europe/Zurich',
    description:
      'Hands queued emails nobody is sending to the sender again, and finishes interrupted meeting-change notices',
  },
  {
    name: 'registration-retention',
    handler: 'job-registration-retention',
    fn: 'jobs',
    schedule: 'cron(30 3 * * ? *)',
    timeZone: 'Europe/Zurich',
    description: "Deletes registrants' personal data the configured number of days after their meeting ended",
  },
  {
    name: 'meeting-reminders',
    handler: 'job-meeting-reminders',
    fn: 'jobs',
    schedule: 'cron(0 8 * * ? *)',
    timeZone: 'Europe/Zurich',
    description: 'Reminds approved registrants 7 and 1 days before a meeting (offsets per meeting)',
    // 100,000 registrants: ~4–8 minutes on one local core (test/bench/meeting-reminders.ts); a
    // Lambda's most, so that a retry after a timeout (Lambda retries a failed asynchronous
    // invocation twice, with the same event) resumes from the checkpoints with time to finish.
    timeoutSeconds: 900,
    memoryMb: 1024,
  },
  {
    name: 'approval-digest',
    handler: 'job-approval-digest',
    fn: 'jobs',
    schedule: 'cron(0 9 ? * MON-FRI *)',
    timeZone: 'Europe/Zurich',
    description: 'Sends the secretariat the registrations waiting for a decision, oldest first',
  },
  {
    name: 'ip-lead-quarterly',
    handler: 'job-ip-lead-quarterly',
    fn: 'jobs',
    schedule: 'cron(0 9 1,15 3,6,9,12 ? *)',
    timeZone: 'Europe/Zurich',
    description:
      "Reminds the IP lead and the secretariat of the quarter's e-meeting when none is recorded (ToR Annex I §5)",
  },
  {
    name: 'term-expiry',
    handler: 'job-term-expiry',
    fn: 'jobs',
    schedule: 'cron(0 7 * * ? *)',
    timeZone: 'Europe/Zurich',
    description: 'Warns 60 and 30 days before a two-year term ends (ToR §28)',
  },
  {
    name: 'hub-report-due',
    handler: 'job-hub-report-due',
    fn: 'jobs',
    schedule: 'cron(0 9 1,15 1,3 ? *)',
    timeZone: 'Europe/Zurich',
    description:
      'Reminds hubs without a submitted annual report for the year before on 15 January, and on 1 March the hub and the secretariat (ToR §30)',
  },
  {
    name: 'governance-votes',
    handler: 'job-governance-votes',
    fn: 'jobs',
    schedule: 'rate(5 minutes)',
    timeZone: 'Europe/Zurich',
    description: 'Closes the votes whose time has come, records the result and tells the partners (ToR §13b, §30)',
  },
  {
    name: 'governance-reminders',
    handler: 'job-governance-reminders',
    fn: 'jobs',
    schedule: 'cron(0 8 * * ? *)',
    timeZone: 'Europe/Zurich',
    description: 'Reminds the partners that have not voted on an open vote',
  },
] as const satisfies readonly JobDefinition[];

export interface ConsumerDefinition {
  readonly name: string;
  readonly handler: string;
  /** What feeds it: the email queue or the job queue (SQS), or SES's event topic (SNS). */
  readonly source: 'email-queue' | 'ses-events' | 'job-queue';
  readonly fn: FunctionName;
  readonly description: string;
}

/** Queue consumers: SQS event sources in AWS, the in-process queue locally. */
export const CONSUMERS = [
  {
    name: 'mail-sender',
    handler: 'mail-sender',
    fn: 'mail-sender',
    source: 'email-queue',
    description: 'Sends outbox emails through SES',
  },
  {
    name: 'job-scopes',
    handler: 'job-scope',
    fn: 'jobs',
    source: 'job-queue',
    description: "Reminds one meeting's registrants, handed over by meeting-reminders",
  },
  {
    name: 'ses-events',
    handler: 'ses-events',
    fn: 'ses-events',
    source: 'ses-events',
    description: 'Records SES send, bounce and complaint events (suppression list)',
  },
] as const satisfies readonly ConsumerDefinition[];

export type RouteKey = (typeof ROUTES)[number]['routeKey'];

export function routeFor(routeKey: RouteKey): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.routeKey === routeKey);
  if (!route) throw new Error(`Unknown route ${routeKey}`);
  return route;
}

/** Every handler file (a function's entry bundles the handlers that name it). */
export const HANDLERS: readonly string[] = [
  ...new Set<string>([
    ...ROUTES.map((r) => r.handler),
    FALLBACK_HANDLER,
    ...JOBS.map((j) => j.handler),
    ...CONSUMERS.map((c) => c.handler),
  ]),
];

/** A function's timeout and memory: its own, raised to what the jobs it runs ask for. */
export function sizingOf(fn: FunctionName): { timeoutSeconds: number; memoryMb: number } {
  const own: FunctionDefinition = FUNCTIONS[fn];
  const jobs: readonly JobDefinition[] = JOBS.filter((j) => j.fn === fn);
  return {
    timeoutSeconds: Math.max(own.timeoutSeconds ?? 10, ...jobs.map((j) => j.timeoutSeconds ?? 0)),
    memoryMb: Math.max(own.memoryMb ?? (own.renders ? 1024 : 512), ...jobs.map((j) => j.memoryMb ?? 0)),
  };
}

/** The handlers a function serves: its routes', jobs' and consumers' (and the fallback for its own). */
export function handlersOf(fn: FunctionName): string[] {
  return [
    ...new Set<string>([
      ...ROUTES.filter((r) => r.fn === fn).map((r) => r.handler),
      ...(fn === FALLBACK_FUNCTION ? [FALLBACK_HANDLER] : []),
      ...JOBS.filter((j) => j.fn === fn).map((j) => j.handler),
      ...CONSUMERS.filter((c) => c.fn === fn).map((c) => c.handler),
    ]),
  ];
}
