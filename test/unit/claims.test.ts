import { describe, expect, it } from 'vitest';
import { identityFromClaims, parseGroups } from '../../functions/http/claims.ts';

describe('reading roles from JWT claims', () => {
  it('reads groups as Cognito puts them in the token (an array)', () => {
    expect(parseGroups(['secretariat', 'board'])).toEqual(['secretariat', 'board']);
  });

  it('reads groups as API Gateway hands them to the function ("[a b]")', () => {
    expect(parseGroups('[secretariat board]')).toEqual(['secretariat', 'board']);
    expect(parseGroups('[secretariat]')).toEqual(['secretariat']);
    expect(parseGroups('[]')).toEqual([]);
  });

  it('reads a comma-separated list too, and nothing from other types', () => {
    expect(parseGroups('partner, hub')).toEqual(['partner', 'hub']);
    expect(parseGroups(undefined)).toEqual([]);
    expect(parseGroups(42)).toEqual([]);
  });

  it('keeps only U4SSC roles and drops duplicates', () => {
    const identity = identityFromClaims({
      sub: 'u1',
      email: 'a@b.org',
      'cognito:groups': '[admin secretariat secretariat]',
    });
    expect(identity).toEqual({ subject: 'u1', email: 'a@b.org', roles: ['secretariat'] });
  });

  it('is undefined without a subject', () => {
    expect(identityFromClaims(undefined)).toBeUndefined();
    expect(identityFromClaims({ email: 'a@b.org' })).toBeUndefined();
  });
});
