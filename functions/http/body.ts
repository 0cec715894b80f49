/**
 * Request bodies are read through a schema before anything else happens (`parseBody`): the
 * same reading as the domain's inputs (functions/validation/input.ts), named for handlers.
 */
export { fieldErrors, parseInput as parseBody } from '../validation/input.ts';
