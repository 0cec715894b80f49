import { ValidationError } from '../../functions/errors.ts';

/** The field errors of the `ValidationError` that `run` throws; fails when it throws none. */
export const errorsOf = (run: () => unknown): Record<string, string> => {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.extensions.errors as Record<string, string>;
    throw error;
  }
  throw new Error('expected a ValidationError');
};
