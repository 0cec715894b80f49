import type { DocumentStore } from '../circulars/operations.ts';
import { ENV, requireEnv } from '../config.ts';
import type { Permission } from './permissions.ts';
import { s3, s3Sdk } from './s3-client.ts';

export const PERMISSIONS: readonly Permission[] = [
  { actions: ['s3:GetObject', 's3:PutObject'], resources: ['documents-objects'] },
];

/** Documents in the documents bucket, each with its SHA-256 recorded as metadata. */
export function s3DocumentStore(): DocumentStore {
  const bucket = () => requireEnv(ENV.documentsBucket);
  return {
    async put(key, body, contentType, sha256) {
      const { PutObjectCommand } = await s3Sdk();
      await (await s3()).send(
        new PutObjectCommand({
          Bucket: bucket(),
          Key: key,
          Body: body,
          ContentType: contentType,
          Metadata: { sha256 },
        }),
      );
    },
    async get(key) {
      const { GetObjectCommand } = await s3Sdk();
      try {
        const object = await (await s3()).send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : undefined;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
        throw error;
      }
    },
  };
}
