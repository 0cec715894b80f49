import {
  updateSchema as circularUpdateSchema,
  draftSchema,
  importSchema,
  issueSchema,
  listSchema,
  sequenceSchema,
} from '../circulars/schemas.ts';
import { attachBody } from '../governance/attachments.ts';
import { publicHubRequestSchema } from '../governance/public-schema.ts';
import { openBody, transitionBody, voteBody } from '../governance/schemas.ts';
import { minutesBody, structureBody } from '../governance/structure.ts';
import { PATH_IDS } from '../http/path-ids.ts';
import { hubAnnualReportSchema } from '../hubs/annual-report.ts';
import { attachmentInput } from '../hubs/attachments.ts';
import { hubReportPublishSchema, hubYearChangeSchema } from '../hubs/schemas.ts';
import { createSchema, updateSchema } from '../meetings/operations.ts';
import { approveBody, decisionsBody, registrationBody, rejectBody } from '../registrations/requests.ts';
import { type Access, bearerRoles, ROUTES, type RouteKey } from '../routes.ts';
import * as z from '../validation/zod.ts';

/**
 * The JSON API described as OpenAPI 3.1, generated from the zod schemas that validate each
 * request (zod 4's JSON Schema output), never written by hand: a schema changed is a document
 * changed. Each operation names the roles it is for (`x-roles`); every request body has an
 * example that its schema accepts (checked by a test).
 */
export interface RequestBody {
  readonly schema: z.core.$ZodType;
  readonly example: unknown;
  readonly description?: string;
}

const MEETING_EXAMPLE = {
  meetingId: 'u4ssc-7',
  number: 7,
  title: '7th meeting of the United for Smart Sustainable Cities initiative (U4SSC)',
  organisers: ['ITU', 'UNECE', 'UN-Habitat'],
  format: 'virtual',
  startsAt: '2026-12-07T10:00:00+01:00',
  endsAt: '2026-12-07T15:30:00+01:00',
  timeZone: 'Europe/Zurich',
  languages: ['en'],
  objectives: ['Review the deliverables of the thematic groups'],
  capacity: 300,
  requiresApproval: false,
};

/** The body of each JSON route that takes one. */
export const REQUEST_BODIES: Partial<Record<RouteKey, RequestBody>> = {
  'POST /api/meetings/{meetingId}/registrations': {
    schema: registrationBody,
    example: {
      name: 'Amina Diallo',
      email: 'amina.diallo@example.org',
      organisation: 'Ministry of Digital Economy',
      category: 'member-state',
      country: 'SN',
      title: 'Director',
      language: 'fr',
      privacyConsent: true,
    },
  },
  'POST /api/meetings': { schema: createSchema, example: MEETING_EXAMPLE },
  'PATCH /api/meetings/{meetingId}': {
    schema: updateSchema,
    example: { version: 3, startsAt: '2026-12-08T10:00:00+01:00', endsAt: '2026-12-08T15:30:00+01:00' },
  },
  'POST /api/meetings/{meetingId}/registrations/{registrationId}/approve': {
    schema: approveBody,
    example: {},
    description: 'No fields (the body may be left out)',
  },
  'POST /api/meetings/{meetingId}/registrations/{registrationId}/reject': {
    schema: rejectBody,
    example: { reason: 'The meeting is for ITU members; please register for the public session.' },
  },
  'POST /api/meetings/{meetingId}/registrations/decisions': {
    schema: decisionsBody,
    example: { action: 'approve', registrationIds: ['Xq3k9LmP0aZ7yT2bV5nR1w'] },
  },
  'POST /api/circulars': {
    schema: draftSchema,
    example: { meetingId: 'u4ssc-7', bureau: 'TSB', languages: ['en', 'ru'] },
  },
  'PATCH /api/circulars/{circularId}': {
    schema: circularUpdateSchema,
    example: { version: 2, languages: ['en', 'fr'], content: { fr: { subject: 'Sixième réunion de l’U4SSC' } } },
    description: 'Only the fields sent change. Of an issued circular, only `distribution` (with `version`) may change.',
  },
  'POST /api/circulars/{circularId}/issue': {
    schema: issueSchema,
    example: { date: '2026-11-26', acceptFallback: ['es'] },
    description: 'All fields optional: the date defaults to today at the issuing body’s seat',
  },
  'POST /api/circulars/{circularId}/import': {
    schema: importSchema,
    example: { number: 352, date: '2021-10-13' },
  },
  'PUT /api/circular-sequences/{bureau}': {
    schema: sequenceSchema,
    example: { next: 353, reason: 'Continue the TSB series after Circular 352' },
  },
  'PUT /api/distribution-lists/{listId}': {
    schema: listSchema,
    example: {
      name: 'ITU-T Study Group chairs',
      members: [{ email: 'chair.sg20@example.org', name: 'Chair, ITU-T SG20', language: 'en' }],
    },
  },
  'POST /api/governance/requests': {
    schema: openBody,
    example: {
      kind: 'e-decision',
      fields: { title: 'Adopt the 2027 work plan', motion: 'The Partners Council approves the 2027 work plan.' },
      closesAt: '2026-12-15T17:00:00Z',
      rule: { quorum: 0.5, majority: 0.5 },
    },
    description:
      '`fields` follow the kind (partner-joins, hub-request, e-decision, expert-nomination, logo-consent, notice); `closesAt` and `rule` only for a kind that opens with a vote; `attachments`: up to 3 files (PDF, DOCX, PNG, JPEG; base64; 1 MB each)',
  },
  'POST /api/governance/requests/{requestId}/attachments': {
    schema: attachBody,
    example: {
      version: 2,
      attachments: [{ fileName: 'material.pdf', contentType: 'application/pdf', content: 'JVBERi0xLjcK' }],
    },
    description:
      'Files added to a request by its requester or the secretariat while it is not decided (PDF, DOCX, PNG, JPEG; the type is checked against the bytes; 1 MB each, 3 per body, 10 per request); the version goes up',
  },
  'POST /api/governance/requests/{requestId}/transitions': {
    schema: transitionBody,
    example: { action: 'open-vote', version: 1, closesAt: '2026-12-15T17:00:00Z', comment: 'Put to the partners' },
    description:
      'An action of the current stage, with the version it was decided on (stale: 409); reject and return need a comment',
  },
  'PUT /api/governance/requests/{requestId}/votes': {
    schema: voteBody,
    example: { choice: 'for', comment: 'We support the motion.' },
    description: "The partner's vote, by its focal point; cast again to change it until the vote closes",
  },
  'POST /api/governance/structure': {
    schema: structureBody,
    example: { action: 'contribute', deliverableId: 'kpi-guide-2027' },
    description:
      "group and office, ip-lead-meeting: the secretariat; deliverable: the secretariat or the group's leader; contribute: anyone signed in (the secretariat and the leaders are emailed)",
  },
  'POST /api/governance/deliverables/{deliverableId}/minutes': {
    schema: minutesBody,
    example: {
      meetingOn: '2026-11-20',
      filename: 'minutes-2026-11-20.pdf',
      contentType: 'application/pdf',
      content: 'JVBERi0xLjcK',
    },
    description: 'A PDF or DOCX (base64, at most 4 MB), its type checked against its first bytes',
  },
  'POST /hub-requests': {
    schema: publicHubRequestSchema,
    example: {
      hubName: 'U4SSC Hub Almaty',
      country: 'Kazakhstan',
      city: 'Almaty',
      partnerId: 'unece',
      contactName: 'Aigerim Sadykova',
      contactEmail: 'aigerim.sadykova@example.org',
      description: 'A city hub to assess Central Asian cities with the U4SSC KPIs.',
      lang: 'ru',
    },
    description: 'Public: the address is confirmed by an emailed link before the request reaches the secretariat',
  },
  'POST /api/hub-reports/preview.pdf': {
    schema: hubAnnualReportSchema,
    example: {
      lang: 'en',
      hub: { name: 'U4SSC Hub Valencia', city: 'Valencia', country: 'Spain', partner: 'UNECE' },
      year: 2025,
      summary: 'The hub assessed two cities with the U4SSC KPIs.',
      preparedBy: 'Hub coordinator',
      quarters: [
        { quarter: 'Q1', activities: ['Kick-off workshop with the city councils'] },
        { quarter: 'Q2', activities: ['KPI data collection'] },
        { quarter: 'Q3', activities: ['Verification of the KPI data'] },
        { quarter: 'Q4', activities: ['Publication of the city snapshots'] },
      ],
      dimensions: ['Economy', 'Environment', 'Society and Culture'].map((dimension) => ({
        dimension,
        indicators: [{ name: 'Household Internet access', value: 92, target: 95, unit: '%' }],
      })),
    },
  },
  'POST /api/hubs/{hubId}/years/{year}': {
    schema: hubYearChangeSchema,
    example: {
      action: 'activity.save',
      activity: {
        date: '2025-03-12',
        kind: 'training',
        title: 'Training of municipal staff in the U4SSC KPIs',
        description: 'Two days with 14 departments.',
        partners: ['UNECE'],
        cities: ['valencia'],
        participants: 120,
        links: ['https://example.org/training'],
      },
    },
  },
  'POST /api/hubs/{hubId}/years/{year}/publish': { schema: hubReportPublishSchema, example: { version: 4 } },
  'POST /api/hubs/{hubId}/years/{year}/attachments': {
    schema: attachmentInput,
    example: {
      activityId: '3f2b8c1e-6a4d-4e0b-9a57-2d1c0e8f7b64',
      fileName: 'programme.pdf',
      contentType: 'application/pdf',
      content: 'JVBERi0xLjcKJeLjz9MK',
    },
  },
};

/** The routes this document describes: the JSON API (and the health check). */
export const isJsonRoute = (routeKey: string): boolean => / \/api\/|^GET \/health$/.test(routeKey);

const jsonSchema = (schema: z.core.$ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const PROBLEM = {
  description: 'A problem (RFC 9457); `errors` names each faulty field',
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          requestId: { type: 'string' },
          errors: { type: 'object', additionalProperties: { type: 'string' } },
        },
        required: ['title', 'status', 'detail'],
      },
    },
  },
};

function rolesOf(access: Access): string[] | 'public' {
  if (access === 'public') return 'public';
  return [...(bearerRoles(access) ?? (access as { console: readonly string[] }).console)];
}

function operation(route: (typeof ROUTES)[number]) {
  const [method = 'GET', path = '/'] = route.routeKey.split(' ');
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const roles = rolesOf(route.access);
  const body = REQUEST_BODIES[route.routeKey as RouteKey];
  const responses: Record<string, unknown> = {
    [method === 'POST' && /registrations$/.test(path) ? '202' : method === 'POST' && !params.length ? '201' : '200']: {
      description: 'Done',
    },
    '400': PROBLEM,
    '404': PROBLEM,
  };
  if (body) responses['415'] = PROBLEM;
  if (roles !== 'public') Object.assign(responses, { '401': PROBLEM, '403': PROBLEM });
  return {
    path,
    method: method.toLowerCase(),
    value: {
      operationId: `${method.toLowerCase()}-${route.handler}`,
      summary: route.description,
      tags: [route.fn],
      'x-roles': roles,
      ...(roles === 'public' ? { security: [] } : { security: [{ cognito: roles }] }),
      ...(params.length
        ? {
            parameters: params.map((name) => ({
              name,
              in: 'path',
              required: true,
              schema: { type: 'string', pattern: (PATH_IDS[name]?.pattern ?? /^.+$/).source },
            })),
          }
        : {}),
      ...(body
        ? {
            requestBody: {
              required: !route.routeKey.endsWith('/approve'),
              ...(body.description ? { description: body.description } : {}),
              content: { 'application/json': { schema: jsonSchema(body.schema), example: body.example } },
            },
          }
        : {}),
      responses,
    },
  };
}

let document: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of the JSON API (built once per container). */
export function openApiDocument(): Record<string, unknown> {
  if (document) return document;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    if (!isJsonRoute(route.routeKey)) continue;
    const { path, method, value } = operation(route);
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[method] = value;
  }
  document = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'U4SSC platform API',
      version: '1',
      description:
        'Meetings, registrations (TSB Circular 352 §5–6), circulars and hub reports. Routes that are not public need a bearer ID token (Cognito) with one of the roles in x-roles. Bodies are JSON objects; unknown fields are refused (400 naming them).',
    },
    components: {
      securitySchemes: {
        cognito: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token; its cognito:groups claim carries the roles',
        },
      },
    },
    paths,
  };
  return document;
}
