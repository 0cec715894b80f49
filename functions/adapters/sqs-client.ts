import type { SQSClient } from '@aws-sdk/client-sqs';
import { traced } from './tracing.ts';

/**
 * One SQS client per container, made on first use, its SDK module loaded then too: most calls
 * of the functions that may queue work (a registration's form, a job that finds nothing due)
 * never send a message, and need not load the SQS client at their cold start (~6 ms of import
 * on the 2-core machine). Shared by the email queue and the job queue.
 */
let client: Promise<SQSClient> | undefined;

export function sqs(): Promise<SQSClient> {
  client ??= sqsSdk().then(({ SQSClient }) => traced(new SQSClient({})));
  return client;
}

/** The SQS SDK module (its commands), loaded on first use with the client. */
export const sqsSdk = () => import('@aws-sdk/client-sqs');
