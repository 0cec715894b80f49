import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isRole, ROLES, type Role } from '../../functions/identity/roles.ts';
import { loadIssuer } from './issuer.ts';

/** `npm run token -- --role secretariat --email a@b.org`: prints a token from the local issuer. */
const usage = `Usage: npm run token -- --role <${ROLES.join('|')}> [--role …] --email <address> [--expires 8h]`;
let values: { role?: string[]; email?: string; expires?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      email: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const roles = values.role ?? [];
const unknown = roles.filter((role) => !isRole(role));
if (roles.length === 0 || unknown.length > 0 || !values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) {
  if (unknown.length) console.error(`Unknown role: ${unknown.join(', ')}.`);
  if (roles.length === 0) console.error('Give at least one --role.');
  if (!values.email || !/^[^\s@]+@[^\s@]+$/.test(values.email)) console.error('Give a valid --email.');
  console.error(usage);
  process.exit(2);
}
const dataDir = process.env.DATA_DIR ?? fileURLToPath(new URL('../../.data', import.meta.url));
const keyFile = join(dataDir, 'issuer', 'key.json');
const issuer = await loadIssuer(keyFile);
console.log(await issuer.sign({ email: values.email, roles: roles as Role[], expiresIn: values.expires ?? '8h' }));
