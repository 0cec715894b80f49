import { HEARTBEAT_JOB, type JobRunRepository } from './jobs.ts';

export interface EngineProbe {
  name: string;
  /** What the engine is, e.g. "DynamoDB Local 3.3.0" or "Amazon DynamoDB". */
  version: string;
  probe: () => Promise<unknown>;
}

export interface HealthDeps {
  engines: EngineProbe[];
  jobRuns: JobRunRepository;
  now: () => Date;
}

export interface EngineHealth {
  reached: boolean;
  version: string;
  latencyMs: number;
  detail?: unknown;
  error?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  engines: Record<string, EngineHealth>;
  scheduler: { lastRunAt: string | null };
}

const PROBE_TIMEOUT_MS = 3000;

/** Reaches every engine in parallel; any engine not reached makes the whole `degraded`. */
export async function checkHealth(deps: HealthDeps): Promise<Health> {
  const results = await Promise.all(
    deps.engines.map(async (engine): Promise<[string, EngineHealth]> => {
      const started = performance.now();
      try {
        const detail = await withTimeout(engine.probe(), PROBE_TIMEOUT_MS);
        const latencyMs = Math.round(performance.now() - started);
        return [engine.name, { reached: true, version: engine.version, latencyMs, ...(detail ? { detail } : {}) }];
      } catch (error) {
        const latencyMs = Math.round(performance.now() - started);
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return [engine.name, { reached: false, version: engine.version, latencyMs, error: message }];
      }
    }),
  );
  const engines = Object.fromEntries(results);
  const heartbeat = engines.dynamodb?.reached
    ? await deps.jobRuns.getJobRun(HEARTBEAT_JOB).catch(() => undefined)
    : undefined;
  return {
    status: results.every(([, engine]) => engine.reached) ? 'ok' : 'degraded',
    engines,
    scheduler: { lastRunAt: heartbeat?.lastRunAt ?? null },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
