import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../functions/adapters/permissions.ts';
import { ADAPTER_PERMISSIONS } from '../../infra/analysis/adapter-permissions.ts';

/**
 * Each adapter's IAM declaration against the calls written in it: every AWS SDK command and
 * every ElectroDB operation maps to the IAM action that authorises it, and the declared
 * actions must be exactly those. With the infra test (a role equals the declarations of its
 * bundled adapters), this is what stands between a green local suite and a deploy that is
 * denied: the local engines check no IAM.
 */
const COMMAND_ACTIONS: Record<string, string> = {
  SendEmailCommand: 'ses:SendEmail',
  GetAccountCommand: 'ses:GetAccount',
  GetObjectCommand: 's3:GetObject',
  PutObjectCommand: 's3:PutObject',
  // HeadBucket is authorised as ListBucket.
  HeadBucketCommand: 's3:ListBucket',
  // SendMessageBatch is authorised as SendMessage.
  SendMessageBatchCommand: 'sqs:SendMessage',
  DescribeTableCommand: 'dynamodb:DescribeTable',
};

/** ElectroDB operations on an entity (`entity.get(…)`, `entity.query.byX(…)`, …) → IAM actions. */
const ENTITY_OPERATIONS: [RegExp, string][] = [
  // A get of a list of keys (`.get([…])`, `.get(ids.map(…))`) is a BatchGetItem.
  [/\.get\((?!\s*\[)(?![^\n]*\.map\()/, 'dynamodb:GetItem'],
  [/\.get\((\s*\[|[^\n]*\.map\()/, 'dynamodb:BatchGetItem'],
  [/\.query\.\w+\(/, 'dynamodb:Query'],
  // A put of a list of items (`.put([…])`, `.put(items.slice(…))`) is a BatchWriteItem.
  [/\.create\(|\.put\((?!\s*\[)(?!\s*[\w.]+\.(map|slice)\()/, 'dynamodb:PutItem'],
  [/\.put\((\s*\[|\s*[\w.]+\.(map|slice)\()/, 'dynamodb:BatchWriteItem'],
  [/\.(patch|update|upsert)\(/, 'dynamodb:UpdateItem'],
  [/\.(remove|delete)\(/, 'dynamodb:DeleteItem'],
  [/\.check\(/, 'dynamodb:ConditionCheckItem'],
];

function adapterModules(dir = 'functions/adapters'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'entities' || entry.name === 'wiring' ? [] : adapterModules(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The actions the module's own calls need, read from its source (comments removed). */
function actionsCalled(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const actions = new Set<string>();
  for (const [, command] of code.matchAll(/new (\w+Command)\(/g)) {
    const action = COMMAND_ACTIONS[command ?? ''];
    if (!action) throw new Error(`No IAM action known for ${command}: add it to COMMAND_ACTIONS`);
    actions.add(action);
  }
  // ElectroDB calls end in `.go(`; only modules that use the store are scanned for them.
  if (code.includes('.go(')) {
    for (const [pattern, action] of ENTITY_OPERATIONS) if (pattern.test(code)) actions.add(action);
  }
  return [...actions].sort();
}

const declaredActions = (permissions: readonly Permission[]) =>
  [...new Set(permissions.flatMap((p) => p.actions))].sort();

describe('adapter IAM declarations', () => {
  it('lists every adapter that declares PERMISSIONS, under its own path, with the module’s own value', async () => {
    const declaring = adapterModules().filter((path) =>
      /^export const PERMISSIONS\b/m.test(readFileSync(path, 'utf8')),
    );
    expect([...ADAPTER_PERMISSIONS.keys()].sort()).toEqual(declaring.sort());
    for (const path of declaring) {
      const module = (await import(`../../${path}`)) as { PERMISSIONS: unknown };
      expect(ADAPTER_PERMISSIONS.get(path), path).toBe(module.PERMISSIONS);
    }
  });

  it('declares exactly the actions the calls in each adapter need', () => {
    for (const path of adapterModules()) {
      const called = actionsCalled(readFileSync(path, 'utf8'));
      const declared = declaredActions(ADAPTER_PERMISSIONS.get(path) ?? []);
      expect(declared, `${path} calls ${called.join(', ') || 'nothing'}`).toEqual(called);
    }
  });

  it('reads a call it has not been told about as an error, not as nothing', () => {
    expect(() => actionsCalled('await client.send(new DeleteObjectCommand({}))')).toThrow(/DeleteObjectCommand/);
    expect(actionsCalled('await meeting.get({ meetingId }).go();')).toEqual(['dynamodb:GetItem']);
    expect(actionsCalled('await outbox.get(ids.map((id) => ({ id }))).go();')).toEqual(['dynamodb:BatchGetItem']);
    expect(actionsCalled('await store.transaction.write(({ a }) => [a.create(x).commit()]).go();')).toEqual([
      'dynamodb:PutItem',
    ]);
  });
});
