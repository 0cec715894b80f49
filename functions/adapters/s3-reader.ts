import { ENV, requireEnv } from '../config.ts';
import type { Permission } from './permissions.ts';
import { s3, s3Sdk } from './s3-client.ts';

export const PERMISSIONS: readonly Permission[] = [{ actions: ['s3:GetObject'], resources: ['documents-objects'] }];

/** Reads stored documents (published PDFs): for functions that serve documents but never write them. */
export function s3DocumentReader(): { get(key: string): Promise<Buffer | undefined> } {
  const bucket = () => requireEnv(ENV.documentsBucket);
  return {
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
