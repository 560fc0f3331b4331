/** How both parser benchmarks time their contenders, and what every contender does with a block's code. */

/** What every contender does with each block's code, as any consumer would: read it (one character of it). */
export function read(code: string): number {
  return code.length === 0 ? 0 : code.charCodeAt(code.length >> 1);
}

/**
 * Median seconds per run of each function. Rounds are interleaved (a, b, c, a, b, c, …) after a warm-up, so
 * every contender runs with the same JIT state and machine load.
 */
export function measure(runs: readonly (() => number)[], rounds = 15): number[] {
  for (let i = 0; i < 3; i++) for (const run of runs) run();
  const times = runs.map(() => [] as number[]);
  for (let i = 0; i < rounds; i++) {
    runs.forEach((run, r) => {
      const start = performance.now();
      run();
      times[r]?.push((performance.now() - start) / 1000);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number);
}
