/**
 * What an adapter's AWS calls need from IAM, declared in the adapter next to the calls. The
 * CDK stack grants each Lambda function the union of the declarations of the adapter modules
 * its bundle carries (found by bundling its entry, infra/analysis/bundled-adapters.ts), and
 * nothing else. A declaration is a plain constant (or a pure call), so bundles drop it. An
 * infra test checks both directions, and a unit test checks each
 * declaration against the calls written in its module.
 *
 * Resources are named by role, not by ARN: the stack knows the ARNs. No AWS types here.
 */
export type AwsResource =
  /** The one DynamoDB table. */
  | 'table'
  /** Its global secondary indexes (queries by gsi1). */
  | 'table-indexes'
  /** Objects in the documents bucket. */
  | 'documents-objects'
  /** The documents bucket itself (HeadBucket is authorised as s3:ListBucket). */
  | 'documents-bucket'
  | 'email-queue'
  /** The queue of a job's pieces of work (one meeting's reminders each). */
  | 'job-queue'
  /** The SES domain identity mail is sent from. */
  | 'mail-identity'
  /** The SES configuration set that publishes send, bounce and complaint events. */
  | 'configuration-set'
  /** Actions that take no resource (e.g. SES GetAccount). */
  | '*';

export interface Permission {
  readonly actions: readonly string[];
  readonly resources: readonly AwsResource[];
  /** SES: only from the configured no-reply address (condition `ses:FromAddress`). */
  readonly fromAddressOnly?: boolean;
}

/** DynamoDB item actions on the table; a query also reaches the indexes. */
export function tableAccess(...actions: readonly string[]): Permission[] {
  const itemActions = actions.filter((action) => action !== 'dynamodb:Query');
  const permissions: Permission[] = [];
  if (itemActions.length) permissions.push({ actions: itemActions, resources: ['table'] });
  if (actions.includes('dynamodb:Query'))
    permissions.push({ actions: ['dynamodb:Query'], resources: ['table', 'table-indexes'] });
  return permissions;
}
