import { ConflictError } from '../../errors.ts';

/** DynamoDB's answer when a write's condition did not hold, seen through ElectroDB or the SDK. */
export function isConditionFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const name = (current as { name?: unknown }).name;
    if (name === 'ConditionalCheckFailedException') return true;
    if (name === 'TransactionCanceledException') {
      const reasons = (current as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
      if (reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Optimistic locking: runs a write that is conditional on the record's `version` and turns a
 * failed condition into a 409 that tells the caller to reload.
 */
export async function withVersionCheck<T>(what: string, expectedVersion: number, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConditionFailure(error)) {
      throw new ConflictError(
        `${what} was changed by someone else (you had version ${expectedVersion}); reload it and apply your change again.`,
        { expectedVersion },
      );
    }
    throw error;
  }
}
