/**
 * The Session object's SQLite operations at 1,000, 10,000 and 100,000 artifacts, inside workerd (`pnpm bench`).
 *
 * workerd's clocks stand still while code runs, so an operation cannot time itself. Each figure is taken from
 * outside instead: one `runInDurableObject` call runs the operation K times back to back in the object, the same
 * call with nothing to do is the baseline, and (call − baseline) / K is the cost of one operation, round trip
 * excluded. The median of five such calls is reported.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, it } from "vitest";
import { SessionStore } from "../src/session/store.js";
import { newSession } from "../test/client.js";

const SIZES = [1_000, 10_000, 100_000];
const BATCH = 10_000;
const REPEATS = 5;
const WORDS = ["cart", "order", "invoice", "user", "session", "payment", "queue", "report"];

function contentOf(n: number): string {
  const word = WORDS[n % WORDS.length] as string;
  return `export function ${word}${n}(input: number): number {\n  // ${word} step ${n}\n  return input * ${n % 97};\n}\n`;
}

type Operation = (store: SessionStore, i: number) => unknown;

async function timed(
  stub: DurableObjectStub,
  sessionId: string,
  k: number,
  operation: Operation,
): Promise<number> {
  const start = performance.now();
  await runInDurableObject(stub, (_, state) => {
    const store = new SessionStore(state.storage, sessionId);
    for (let i = 0; i < k; i++) operation(store, i);
  });
  return performance.now() - start;
}

async function costOf(stub: DurableObjectStub, sessionId: string, k: number, operation: Operation) {
  const runs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const baseline = await timed(stub, sessionId, 0, operation);
    const total = await timed(stub, sessionId, k, operation);
    runs.push((total - baseline) / k);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(REPEATS / 2)] as number;
}

describe("the Session object's SQLite, inside workerd", () => {
  it("costs per operation at 1k, 10k and 100k artifacts", async () => {
    const rows: string[] = [];
    for (const size of SIZES) {
      const sessionId = await newSession();
      const stub = env.SESSION.getByName(sessionId);
      const seedStart = performance.now();
      const ids: string[] = [];
      for (let from = 0; from < size; from += BATCH) {
        const batch = await runInDurableObject(stub, (_, state) => {
          const store = new SessionStore(state.storage, sessionId);
          return store.transaction(() =>
            store.artifacts
              .insertMany(
                Array.from({ length: Math.min(BATCH, size - from) }, (_, i) => ({
                  messageId: null,
                  title: `file-${from + i}.ts`,
                  description: null,
                  type: "typescript" as const,
                  content: contentOf(from + i),
                  language: "ts",
                  metadata: {},
                })),
              )
              .map(({ id }) => id),
          );
        });
        ids.push(...batch);
      }
      const seeded = performance.now() - seedStart;
      const pick = (i: number) => ids[(i * 7919) % ids.length] as string;
      const operations: [string, number, Operation][] = [
        ["read one artifact by id", 2000, (store, i) => store.artifacts.get(pick(i))],
        [
          "a page of 100, newest first",
          200,
          (store) => store.artifacts.page({ limit: 100, order: "newest" }),
        ],
        [
          "search, one rare identifier",
          500,
          (store, i) => store.artifacts.search(`cart${(i * 8) % size}`, { limit: 20 }),
        ],
        [
          "search, a word in an eighth of them (20 back)",
          20,
          (store) => store.artifacts.search("invoice", { limit: 20 }),
        ],
        [
          "save a new version (edit)",
          500,
          (store, i) =>
            store.transaction(() =>
              store.artifacts.update(pick(i), { content: `${contentOf(i)}// edited ${i}\n` }),
            ),
        ],
        [
          "insert one artifact",
          500,
          (store, i) =>
            store.transaction(() =>
              store.artifacts.insert({
                messageId: null,
                title: `new-${i}.ts`,
                description: null,
                type: "typescript",
                content: contentOf(size + i),
                language: "ts",
                metadata: {},
              }),
            ),
        ],
        ["list an artifact's versions", 2000, (store, i) => store.versions.list(pick(i))],
      ];
      rows.push(`| ${size.toLocaleString("en")} artifacts: seeded in ${(seeded / 1000).toFixed(1)} s | | |`);
      for (const [name, k, operation] of operations) {
        const ms = await costOf(stub, sessionId, k, operation);
        const cost = ms < 1 ? `${Math.round(ms * 1000)} µs` : `${ms.toFixed(1)} ms`;
        rows.push(`| ${name} | ${cost} | ×${k} a call |`);
      }
    }
    console.log(
      ["", "| Operation (inside the object) | Cost | Measured |", "|---|---|---|", ...rows].join("\n"),
    );
  });
});
