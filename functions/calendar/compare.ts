/**
 * Orders strings by their code points: right for ISO 8601 dates and instants ("2026-12-07",
 * "2026-12-07T09:00:00.000Z"), quarters ("2026-Q4") and generated ids, where it is the
 * chronological (or a stable) order. `localeCompare` gives the same order for these but builds
 * an ICU collator on its first call, about 6 ms of a cold start; names keep `localeCompare`.
 */
export const compareCodePoints = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
