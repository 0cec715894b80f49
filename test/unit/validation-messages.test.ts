import { describe, expect, it } from 'vitest';
import { parseBody } from '../../functions/http/body.ts';
import { decisionsForm, withdrawBody } from '../../functions/registrations/requests.ts';
import { errorsOf } from '../support/validation-errors.ts';

/**
 * The functions' schemas are built with zod/mini, which loads no locale: its default message is
 * "Invalid input" for every check. functions/validation/zod.ts sets zod's English messages,
 * which the API returns where a schema gives none (and the console rewords some of them).
 * This file imports no classic zod (it would set English itself and hide a missing locale).
 */

describe("zod's default messages", () => {
  it('are English, as the API has always returned them', () => {
    expect(errorsOf(() => parseBody(decisionsForm, { row: 'x'.repeat(201), apply: 7 }))).toEqual({
      row: 'Too big: expected string to have <=200 characters',
      apply: 'Invalid input: expected string, received number',
    });
    expect(errorsOf(() => parseBody(withdrawBody, {}))).toEqual({
      token: 'Invalid input: expected string, received undefined',
    });
  });

  it('leave an unknown field to the strict reading, which names it', () => {
    expect(errorsOf(() => parseBody(withdrawBody, { token: 'a', extra: 1 }))).toEqual({
      extra: 'Unknown field "extra": this request does not take it.',
    });
  });
});
