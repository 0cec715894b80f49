import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { ENV, requireEnv } from '../../config.ts';
import { dynamoDb } from './client.ts';

export async function probeTable(): Promise<{ status: string | undefined }> {
  const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName: requireEnv(ENV.tableName) }));
  return { status: Table?.TableStatus };
}
