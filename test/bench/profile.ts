import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * BENCH_CPU_PROF_DIR=<dir>: a CPU profile of a window of the benchmark's process (where the
 * local platform's gateway, handlers, sender and emulators run; DynamoDB Local runs in its own),
 * written as <dir>/<name>.cpuprofile for DevTools or a script. Without it, nothing is recorded.
 */
export async function startProfile(): Promise<{ stop: (name: string) => Promise<void> }> {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir) return { stop: async () => {} };
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(name) {
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}
