import { createSocket } from 'node:dgram';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { currentTrace, daemonAddress, TRACING_MIDDLEWARE, traced } from '../../functions/adapters/tracing.ts';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const PARENT = '53995c3f42cd8ad8';

/** DynamoDB as far as these tests need it: ListTables and PutItem answer, DescribeTable is not found. */
const requests: IncomingHttpHeaders[] = [];
const dynamo = createServer((request, response) => {
  requests.push(request.headers);
  request.resume().on('end', () => {
    const found = /\.(ListTables|PutItem)$/.test(String(request.headers['x-amz-target']));
    response.writeHead(found ? 200 : 400, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': found ? 'ddb-request-1' : 'ddb-request-2',
    });
    response.end(
      JSON.stringify(
        found
          ? { TableNames: [] }
          : { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'No such table' },
      ),
    );
  });
});

/** The X-Ray daemon: collects the documents sent to it. */
const documents: Record<string, unknown>[] = [];
const daemon = createSocket('udp4').on('message', (message) => {
  const [header, body] = message.toString().split('\n');
  expect(JSON.parse(header ?? '')).toEqual({ format: 'json', version: 1 });
  documents.push(JSON.parse(body ?? '') as Record<string, unknown>);
});

let endpoint = '';
let daemonPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => dynamo.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(dynamo.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
  daemonPort = daemon.address().port;
});

afterAll(async () => {
  daemon.close();
  await new Promise((resolve) => dynamo.close(resolve));
});

afterEach(() => {
  vi.unstubAllEnvs();
  requests.length = 0;
  documents.length = 0;
});

const client = () =>
  new DynamoDBClient({
    region: 'eu-west-1',
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

const middlewares = (c: DynamoDBClient) => c.middlewareStack.identify().filter((m) => m.startsWith(TRACING_MIDDLEWARE));

function simulateLambda(traceHeader?: string): void {
  vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'u4ssc-Site');
  vi.stubEnv('LAMBDA_TASK_ROOT', '/var/task');
  vi.stubEnv('AWS_XRAY_DAEMON_ADDRESS', `127.0.0.1:${daemonPort}`);
  vi.stubEnv('_X_AMZN_TRACE_ID', traceHeader);
}

async function received(count: number): Promise<void> {
  await vi.waitFor(() => expect(documents).toHaveLength(count), { timeout: 2000 });
}

describe('traced(client)', () => {
  it('is a no-op outside Lambda', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', undefined);
    vi.stubEnv('_X_AMZN_TRACE_ID', `Root=${ROOT};Parent=${PARENT};Sampled=1`);
    const plain = client();
    expect(traced(plain)).toBe(plain);
    expect(middlewares(plain)).toEqual([]);
    await plain.send(new ListTablesCommand({}));
    expect(requests[0]?.['x-amzn-trace-id']).toBeUndefined();
  });

  it('in Lambda adds the X-Ray middleware to the build step, once', () => {
    simulateLambda();
    const instrumented = traced(traced(client()));
    expect(middlewares(instrumented)).toEqual([`${TRACING_MIDDLEWARE} - build`]);
  });

  it('sends a DynamoDB subsegment under the function segment and passes the trace on', async () => {
    simulateLambda(`Root=${ROOT};Parent=${PARENT};Sampled=1`);
    await traced(client()).send(new ListTablesCommand({}));
    await received(1);
    const [subsegment] = documents;
    expect(subsegment).toMatchObject({
      name: 'DynamoDB',
      namespace: 'aws',
      type: 'subsegment',
      trace_id: ROOT,
      parent_id: PARENT,
      aws: { operation: 'ListTables', region: 'eu-west-1', request_id: 'ddb-request-1', retries: 0 },
      http: { response: { status: 200 } },
    });
    expect(subsegment?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(subsegment?.end_time).toBeGreaterThanOrEqual(subsegment?.start_time as number);
    expect(subsegment).not.toHaveProperty('fault');
    expect(requests[0]?.['x-amzn-trace-id']).toBe(`Root=${ROOT};Parent=${subsegment?.id};Sampled=1`);
  });

  it('traces the document client made from a traced client', async () => {
    simulateLambda(`Root=${ROOT};Parent=${PARENT};Sampled=1`);
    const documentClient = DynamoDBDocumentClient.from(traced(client()));
    await documentClient.send(new PutCommand({ TableName: 'Platform', Item: { pk: 'a', sk: 'b' } }));
    await received(1);
    expect(documents[0]).toMatchObject({ name: 'DynamoDB', aws: { operation: 'PutItem', table_name: 'Platform' } });
  });

  it('marks a refused call as an error and names its table; the caller still gets the SDK error', async () => {
    simulateLambda(`Root=${ROOT};Parent=${PARENT};Sampled=1`);
    await expect(traced(client()).send(new DescribeTableCommand({ TableName: 'Missing' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await received(1);
    expect(documents[0]).toMatchObject({
      aws: { operation: 'DescribeTable', table_name: 'Missing', request_id: 'ddb-request-2' },
      http: { response: { status: 400 } },
      error: true,
      cause: { exceptions: [{ type: 'ResourceNotFoundException', message: 'No such table', remote: true }] },
    });
    expect(documents[0]).not.toHaveProperty('fault');
  });

  it('sends nothing when the invocation is not sampled, or outside an invocation', async () => {
    simulateLambda(`Root=${ROOT};Parent=${PARENT};Sampled=0`);
    const instrumented = traced(client());
    await instrumented.send(new ListTablesCommand({}));
    vi.stubEnv('_X_AMZN_TRACE_ID', undefined);
    await instrumented.send(new ListTablesCommand({}));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(documents).toEqual([]);
    // The SDK's own recursion detection forwards the runtime's header as it is.
    expect(requests.map((headers) => headers['x-amzn-trace-id'])).toEqual([
      `Root=${ROOT};Parent=${PARENT};Sampled=0`,
      undefined,
    ]);
  });
});

describe('the trace header and the daemon address', () => {
  it('reads a sampled trace header', () => {
    expect(currentTrace(`Root=${ROOT};Parent=${PARENT};Sampled=1;Lineage=a:1`)).toEqual({
      root: ROOT,
      parent: PARENT,
    });
    expect(currentTrace(`Root=${ROOT};Parent=${PARENT};Sampled=0`)).toBeUndefined();
    expect(currentTrace(undefined)).toBeUndefined();
  });

  it('reads the daemon address in both forms', () => {
    expect(daemonAddress('169.254.79.129:2000')).toEqual(['169.254.79.129', 2000]);
    expect(daemonAddress('tcp:10.0.0.1:2001 udp:10.0.0.2:2002')).toEqual(['10.0.0.2', 2002]);
    expect(daemonAddress(undefined)).toEqual(['127.0.0.1', 2000]);
  });
});
