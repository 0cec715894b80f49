import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * zod's functional build (`zod/mini`: `z.optional(s)`, `s.check(z.maxLength(n))`, …), which every
 * schema of the functions is written with: a schema is a plain object without classic zod's
 * methods, and a bundle carries only the parts of zod it uses (36–39 KB of a function's bundle
 * against classic zod's 97 KB). The functions import zod from here alone, never the package:
 * zod/mini loads no locale of its own (every default message would read "Invalid input"), so
 * English, which the API returns where a schema gives no message of its own (`Too big: expected
 * string to have <=200 characters`), is set here, once, before any schema can parse.
 */
config(en());

export * from 'zod/mini';
