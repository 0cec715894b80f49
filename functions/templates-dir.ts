import { fileURLToPath } from 'node:url';
import { ENV, optionalEnv } from './config.ts';

/** Where templates/ is: beside the bundle in Lambda (TEMPLATES_DIR), the repository's folder locally. */
export const templatesDir = () =>
  optionalEnv(ENV.templatesDir, fileURLToPath(new URL('../templates/', import.meta.url)));
