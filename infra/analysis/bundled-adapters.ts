import { buildSync } from 'esbuild';
import type { AwsResource, Permission } from '../../functions/adapters/permissions.ts';
import type { FunctionName } from '../../functions/routes.ts';
import { esbuildOptions } from '../constructs/bundling.ts';
import { ADAPTER_PERMISSIONS } from './adapter-permissions.ts';

/**
 * Which adapter modules a function's bundle carries, found the way the bundle is made: esbuild
 * bundles the function's entry (tree-shaken, as NodejsFunction bundles it) and its metafile
 * says how many bytes of each source file reached the output. A module with no byte in the
 * output makes no call in that function, so its permissions are not granted to it.
 *
 * The result is cached per process: the stack and the tests synthesize several times.
 */
const cache = new Map<string, string[]>();

export function bundledAdapters(fn: FunctionName): string[] {
  const cached = cache.get(fn);
  if (cached) return cached;
  const root = new URL('../../', import.meta.url).pathname;
  const result = buildSync({
    ...esbuildOptions(),
    entryPoints: [`functions/lambdas/${fn}.ts`],
    absWorkingDir: root,
    sourcemap: false,
    write: false,
    metafile: true,
    outfile: 'index.mjs',
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint);
  const modules = Object.entries(output?.inputs ?? {})
    .filter(([path, input]) => path.startsWith('functions/adapters/') && input.bytesInOutput > 0)
    .map(([path]) => path)
    .sort();
  cache.set(fn, modules);
  return modules;
}

/** What a function needs from IAM: the declarations of the adapter modules its bundle carries. */
export function permissionsOf(fn: FunctionName): { module: string; permissions: readonly Permission[] }[] {
  return bundledAdapters(fn).flatMap((module) => {
    const permissions = ADAPTER_PERMISSIONS.get(module);
    return permissions ? [{ module, permissions }] : [];
  });
}

/** The same, merged: actions per (resources, condition), sorted, for granting and comparing. */
export function mergedPermissionsOf(fn: FunctionName): Permission[] {
  const merged = new Map<string, { resources: AwsResource[]; fromAddressOnly: boolean; actions: Set<string> }>();
  for (const { permissions } of permissionsOf(fn)) {
    for (const permission of permissions) {
      const resources = [...permission.resources].sort();
      const key = `${resources.join(',')}|${permission.fromAddressOnly === true}`;
      const entry = merged.get(key) ?? {
        resources,
        fromAddressOnly: permission.fromAddressOnly === true,
        actions: new Set(),
      };
      for (const action of permission.actions) entry.actions.add(action);
      merged.set(key, entry);
    }
  }
  return [...merged.values()].map((entry) => ({
    actions: [...entry.actions].sort(),
    resources: entry.resources,
    ...(entry.fromAddressOnly ? { fromAddressOnly: true } : {}),
  }));
}
