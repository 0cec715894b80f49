import { GetAccountCommand } from '@aws-sdk/client-sesv2';
import { ENV, requireEnv } from '../config.ts';
import type { Permission } from './permissions.ts';
import { s3, s3Sdk } from './s3-client.ts';
import { sesV2 } from './ses-client.ts';

/** The health page's probes of S3 and SES (DynamoDB's is dynamodb/probe.ts). */
export const PERMISSIONS: readonly Permission[] = [
  // HeadBucket is authorised as s3:ListBucket on the bucket.
  { actions: ['s3:ListBucket'], resources: ['documents-bucket'] },
  // GetAccount takes no resource.
  { actions: ['ses:GetAccount'], resources: ['*'] },
];

export async function probeDocumentsBucket(): Promise<void> {
  const { HeadBucketCommand } = await s3Sdk();
  await (await s3()).send(new HeadBucketCommand({ Bucket: requireEnv(ENV.documentsBucket) }));
}

/** Reaches SES and answers whether sending is enabled for the account. */
export async function probeSes(): Promise<{ sendingEnabled: boolean; maxSendRate: number | undefined }> {
  const account = await sesV2().send(new GetAccountCommand({}));
  return { sendingEnabled: account.SendingEnabled ?? false, maxSendRate: account.SendQuota?.MaxSendRate };
}
