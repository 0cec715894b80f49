/**
 * Runs the benchmarks and prints one JSON document, `{ "results": [ … ] }`, on stdout
 * (progress goes to stderr). `npm run bench` runs them all; `npm run bench -- <name> …`
 * runs only the ones named. A new benchmark is a module exporting a `Benchmark`, added below.
 */
import type { Benchmark } from './benchmark.ts';
import { circularPdf } from './circular-pdf.ts';
import { consoleInbox } from './console-inbox.ts';
import { consoleRegistrations } from './console-registrations.ts';
import { emailPipeline } from './email-pipeline.ts';
import { handlerColdImport } from './handler-cold-import.ts';
import { handlerFirstCall } from './handler-first-call.ts';
import { hubReportPdf } from './hub-report-pdf.ts';
import { invitations1000 } from './invitations-1000.ts';
import { meetingRemindersBenchmark } from './meeting-reminders.ts';
import { registrationThroughput } from './registration-throughput.ts';
import { storeFirstUse } from './store-first-use.ts';

const BENCHMARKS: readonly Benchmark[] = [
  handlerColdImport,
  handlerFirstCall,
  storeFirstUse,
  registrationThroughput,
  circularPdf,
  invitations1000,
  emailPipeline,
  consoleRegistrations,
  consoleInbox,
  meetingRemindersBenchmark,
  hubReportPdf,
];

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `Unknown benchmark(s): ${unknown.join(', ')}\nAvailable:\n${BENCHMARKS.map((b) => `  ${b.name}  ${b.description}`).join('\n')}\n`,
  );
  process.exit(2);
}

const selected = requested.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => requested.includes(b.name));
const results: Record<string, unknown>[] = [];
for (const benchmark of selected) {
  results.push(await benchmark.run());
}
process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
