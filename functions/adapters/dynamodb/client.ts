import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../tracing.ts';

/**
 * One client per container. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so the same code reaches AWS and DynamoDB Local. In
 * Lambda each call is an X-Ray subsegment; the document client shares the client's middleware.
 */
export const dynamoDb = traced(new DynamoDBClient({}));
export const documentClient = DynamoDBDocumentClient.from(dynamoDb, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
