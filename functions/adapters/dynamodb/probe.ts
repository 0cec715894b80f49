import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ENV, requireEnv } from '../../config.ts';
import type { Permission } from '../permissions.ts';
import { dynamoDb } from './client.ts';

export const PERMISSIONS: readonly Permission[] = [{ actions: ['dynamodb:DescribeTable'], resources: ['table'] }];

export async function probeTable(): Promise<{ status: string | undefined }> {
  const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName: requireEnv(ENV.tableName) }));
  return { status: Table?.TableStatus };
}
