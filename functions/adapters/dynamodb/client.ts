import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * One client per container. The endpoint comes from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so the same code reaches AWS and DynamoDB Local.
 */
export const dynamoDb = new DynamoDBClient({});
export const documentClient = DynamoDBDocumentClient.from(dynamoDb, {
  marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
});
