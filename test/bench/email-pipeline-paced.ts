/**
 * The paced part of the email-pipeline benchmark, in a process of its own: the sender's pacer
 * and the adapters' clients are made once per process, so a platform with another sending rate
 * needs a fresh one. Started by email-pipeline.ts; prints one JSON document on stdout.
 */
import { pacedRun } from './email-pipeline.ts';

const count = Number(process.env.BENCH_PACED_EMAILS ?? '1000');
const ratePerSecond = Number(process.env.BENCH_PACED_RATE ?? '50');
const result = await pacedRun(count, ratePerSecond);
// Exit explicitly: keep-alive sockets of the SDK clients would hold the process open.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
