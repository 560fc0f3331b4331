/**
 * How alike two pieces of code are, by their lines: the Dice coefficient of their multisets of trimmed, non-empty
 * lines (1 for the same lines in any order, 0 for none shared). Linear in the code's length; blank lines and
 * indentation do not count, so a reformatted file still resembles its original.
 */
export interface LineProfile {
  counts: Map<string, number>;
  lines: number;
}

export function lineProfile(code: string): LineProfile {
  const counts = new Map<string, number>();
  let lines = 0;
  for (const raw of code.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    counts.set(line, (counts.get(line) ?? 0) + 1);
    lines++;
  }
  return { counts, lines };
}

export function similarity(a: LineProfile, b: LineProfile): number {
  if (a.lines === 0 || b.lines === 0) return 0;
  const [small, large] = a.counts.size <= b.counts.size ? [a, b] : [b, a];
  let shared = 0;
  for (const [line, count] of small.counts) shared += Math.min(count, large.counts.get(line) ?? 0);
  return (2 * shared) / (a.lines + b.lines);
}
