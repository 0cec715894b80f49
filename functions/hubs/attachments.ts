import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.ts';
import {
  base64Content,
  checkedFile,
  contentTypeOf,
  FILE_TYPES,
  type FileContentType,
  type FileType,
  fileName as fileNameSchema,
} from '../files/uploads.ts';
import type { Identity } from '../http/claims.ts';
import { parseInput } from '../validation/input.ts';
import * as z from '../validation/zod.ts';
import { accessHub } from './access.ts';
import type { HubsDeps } from './operations.ts';
import type { DocumentStore } from './ports.ts';
import type { Attachment } from './records.ts';
import { FROZEN } from './report.ts';

/**
 * Files attached to a hub's activity (programmes, photos, minutes): stored in S3 with their
 * SHA-256, listed on the activity, downloaded by the hub and the secretariat. A file's type is
 * checked against its first bytes, its size against a limit that keeps the JSON request under
 * the API's body limit.
 */
export const MAX_ATTACHMENT_BYTES = 180 * 1024;
export const MAX_ATTACHMENTS_PER_ACTIVITY = 10;

/** The types a hub may attach, each with what its first bytes must be. */
export const ATTACHMENT_TYPES: Readonly<Record<string, FileType>> = FILE_TYPES;

export const attachmentInput = z.strictObject({
  activityId: z.string().check(z.uuid()),
  fileName: fileNameSchema,
  contentType: contentTypeOf(Object.keys(FILE_TYPES) as FileContentType[]),
  /** The file, base64-encoded. */
  content: base64Content,
});

export const attachmentKey = (hubId: string, year: number, activityId: string, attachmentId: string) =>
  `hub-attachments/${hubId}/${year}/${activityId}/${attachmentId}`;

export interface AttachmentsDeps extends HubsDeps {
  documents: DocumentStore;
}

/** Attaches a file to an activity of the year; the year's records must be open. */
export async function addAttachment(
  deps: AttachmentsDeps,
  identity: Identity | undefined,
  hubId: string,
  year: number,
  input: unknown,
): Promise<Attachment> {
  const { activityId, fileName, contentType, content } = parseInput(attachmentInput, input);
  accessHub(identity, await deps.store.getHub(hubId), hubId);
  const report = (await deps.store.listReports(hubId, year)).at(-1);
  if (report && FROZEN.includes(report.status))
    throw new ConflictError(`The ${year} report is ${report.status}: its records cannot change now.`, {
      code: 'records-frozen',
      status: report.status,
    });
  const activity = (await deps.store.listActivities(hubId, year)).find((a) => a.activityId === activityId);
  if (!activity) throw new NotFoundError(`There is no activity ${activityId} in ${year}.`);
  if ((activity.attachments ?? []).length >= MAX_ATTACHMENTS_PER_ACTIVITY)
    throw new ConflictError(`The activity has ${MAX_ATTACHMENTS_PER_ACTIVITY} attachments already: no more fit.`, {
      code: 'attachments-full',
    });
  const { body, sha256 } = checkedFile(content, contentType, MAX_ATTACHMENT_BYTES);
  const attachmentId = randomUUID();
  await deps.documents.put(attachmentKey(hubId, year, activityId, attachmentId), body, contentType, sha256);
  const attachment: Attachment = {
    attachmentId,
    fileName,
    contentType,
    size: body.length,
    sha256,
    uploadedAt: deps.now().toISOString(),
    uploadedBy: identity?.email ?? '',
  };
  if (!(await deps.store.addAttachment(hubId, year, activityId, attachment)))
    throw new NotFoundError(`There is no activity ${activityId} in ${year}.`);
  return attachment;
}

/** An attached file, for the hub and the secretariat. */
export async function readAttachment(
  deps: Pick<AttachmentsDeps, 'store'> & { documents: Pick<DocumentStore, 'get'> },
  identity: Identity | undefined,
  hubId: string,
  year: number,
  attachmentId: string,
): Promise<{ attachment: Attachment; body: Buffer }> {
  accessHub(identity, await deps.store.getHub(hubId), hubId);
  for (const activity of await deps.store.listActivities(hubId, year)) {
    const attachment = activity.attachments?.find((a) => a.attachmentId === attachmentId);
    if (!attachment) continue;
    const body = await deps.documents.get(attachmentKey(hubId, year, activity.activityId, attachmentId));
    if (!body) break;
    return { attachment, body };
  }
  throw new NotFoundError(`There is no attachment ${attachmentId} in ${year}.`);
}
