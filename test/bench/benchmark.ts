/** One benchmark: `run` returns a JSON-serialisable result; progress goes to stderr. */
export interface Benchmark {
  /** Selects the benchmark on the command line: `npm run bench -- <name>`. */
  readonly name: string;
  readonly description: string;
  run(): Promise<Record<string, unknown>>;
}

/** Progress for the person watching; stdout is reserved for the JSON result. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
