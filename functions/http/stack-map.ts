import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Source maps on the error path only. Node's `--enable-source-maps` reads every bundle's map
 * at import, which every cold start pays for; the functions run without it, and a logged
 * error's stack is mapped here instead: the map beside the bundle (`index.mjs.map`) is read the
 * first time an error of that file is logged, then kept for the container.
 */
const maps = new Map<string, SourceMap | undefined>();

function mapOf(location: string): SourceMap | undefined {
  if (!maps.has(location)) {
    let map: SourceMap | undefined;
    try {
      const file = location.startsWith('file:') ? fileURLToPath(location) : location;
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined; // no map beside it (unbundled code, a runtime module): frames stay as they are
    }
    maps.set(location, map);
  }
  return maps.get(location);
}

/** `    at name (file:///var/task/index.mjs:1:2345)` or `    at file:///var/task/index.mjs:1:2345`. */
const FRAME = /^(\s+at (?:.*? \()?)((?:file:\/\/)?\/[^()]+?\.m?js):(\d+):(\d+)(\)?)$/;

/** The stack with each frame of a bundled file turned into its source file:line:column. */
export function mappedStack(stack: string | undefined): string | undefined {
  if (!stack || process.sourceMapsEnabled) return stack;
  return stack
    .split('\n')
    .map((line) => {
      const frame = FRAME.exec(line);
      if (!frame) return line;
      const [, head, location, row, column, tail] = frame as unknown as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      const entry = mapOf(location)?.findEntry(Number(row) - 1, Number(column) - 1);
      if (!entry || !('originalSource' in entry) || !entry.originalSource) return line;
      return `${head}${entry.originalSource}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
    })
    .join('\n');
}
