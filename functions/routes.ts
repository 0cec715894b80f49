import type { Role } from './identity/roles.ts';

/**
 * The single list of the API's routes and scheduled jobs. The CDK stack creates one Lambda
 * function and one API Gateway route (or one EventBridge schedule) per entry; the local
 * runtime routes requests and fires schedules from the same list. A handler finds its own
 * entry here to learn which roles it must enforce.
 */
export type Access = 'public' | readonly Role[];

export interface RouteDefinition {
  /** HTTP method and path in API Gateway syntax, e.g. `GET /api/meetings/{meetingId}`. */
  readonly routeKey: string;
  /** File name (without extension) under functions/handlers/. */
  readonly handler: string;
  readonly access: Access;
  readonly description: string;
}

export interface JobDefinition {
  readonly name: string;
  readonly handler: string;
  /** EventBridge Scheduler expression, evaluated in `timeZone`. */
  readonly schedule: string;
  readonly timeZone: string;
  readonly description: string;
}

const SIGNED_IN: readonly Role[] = ['secretariat', 'partner', 'board', 'leader', 'hub', 'participant'];

export const ROUTES = [
  { routeKey: 'GET /', handler: 'home', access: 'public', description: 'Home page: upcoming meetings' },
  { routeKey: 'GET /health', handler: 'health', access: 'public', description: 'Health and engine versions' },
  { routeKey: 'GET /api/meetings', handler: 'meetings-list', access: 'public', description: 'Meetings, soonest first' },
  {
    routeKey: 'GET /api/meetings/{meetingId}',
    handler: 'meetings-get',
    access: 'public',
    description: 'One meeting',
  },
  {
    routeKey: 'GET /meetings/{meetingId}',
    handler: 'meeting-page',
    access: 'public',
    description: "A meeting's public page",
  },
  {
    routeKey: 'GET /api/partners',
    handler: 'partners-list',
    access: ['secretariat', 'partner', 'board'],
    description: 'U4SSC partners (ToR Annex II) with their focal points',
  },
  { routeKey: 'GET /api/me', handler: 'me', access: SIGNED_IN, description: 'The signed-in person and roles' },
] as const satisfies readonly RouteDefinition[];

/** Requests that match no route (API Gateway's `$default`). */
export const FALLBACK_HANDLER = 'not-found';

export const JOBS = [
  {
    name: 'scheduler-heartbeat',
    handler: 'job-scheduler-heartbeat',
    schedule: 'rate(5 minutes)',
    timeZone: 'Europe/Zurich',
    description: 'Records that the scheduler ran, so /health can tell a stalled scheduler',
  },
] as const satisfies readonly JobDefinition[];

export type RouteKey = (typeof ROUTES)[number]['routeKey'];

export function routeFor(routeKey: RouteKey): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.routeKey === routeKey);
  if (!route) throw new Error(`Unknown route ${routeKey}`);
  return route;
}

/** Every handler file that becomes a Lambda function. */
export const HANDLERS: readonly string[] = [
  ...new Set<string>([...ROUTES.map((r) => r.handler), FALLBACK_HANDLER, ...JOBS.map((j) => j.handler)]),
];
