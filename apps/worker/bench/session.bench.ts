/**
 * `pnpm bench` (worker): one session of 10,000 artifacts (about 20 MB of code), through the server as
 * `script/start` serves it, timed from outside over one WebSocket (workerd's clocks stand still while an object
 * computes, so a frame's round trip is the honest measure; it includes the socket and JSON both ways, and a
 * "ping" round trip, the socket's own cost, is given beside it). Goals (#14): search p50 ≤ 5 ms and p99 ≤ 20 ms, saving a new version p50 ≤ 2 ms, a
 * page of 100 ≤ 5 ms.
 */
import { folioServer } from "../../../script/folio-server.ts";
import { benchClient, percentile } from "./client.ts";

const port = Number(process.env.BENCH_PORT ?? 8797);
const ARTIFACTS = Number(process.env.BENCH_ARTIFACTS ?? 10_000);
const PER_ANSWER = 500;
const SAVES = 200;
/** The pause before each frame: within the socket's budget (20 frames a second). */
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 50);
const fence = "```";
const LANGUAGES = ["ts", "python", "css", "sql", "js"] as const;
const WORDS = [
  "cart",
  "invoice",
  "render",
  "widget",
  "socket",
  "parser",
  "ledger",
  "router",
  "canvas",
  "queue",
];

/** A realistic ~2 KB file, named, unlike any other (so lineage keeps each its own artifact). */
function file(n: number): string {
  const lang = LANGUAGES[n % LANGUAGES.length] as string;
  const word = WORDS[n % WORDS.length] as string;
  const lines = [`// ${word} module ${n}: handles the ${word} of order ${n * 7}`];
  for (let i = 0; lines.join("\n").length < 2000; i++) {
    lines.push(`export function ${word}Step${n}_${i}(input${i}) { return input${i} * ${n + i} + ${i * 3}; }`);
  }
  return `${fence}${lang} ${word}-${n}.${lang}\n${lines.join("\n")}\n${fence}\n`;
}

async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await run();
  return [performance.now() - start, value];
}

const server = folioServer(port);
await server.start();
try {
  const client = await benchClient(`http://127.0.0.1:${port}`);
  const sessionId = await client.newSession();
  const api = `/api/sessions/${sessionId}`;
  const seedStart = performance.now();
  let bytes = 0;
  for (let start = 0; start < ARTIFACTS; start += PER_ANSWER) {
    const blocks = Array.from({ length: Math.min(PER_ANSWER, ARTIFACTS - start) }, (_, i) => file(start + i));
    const content = blocks.join("\n");
    bytes += content.length;
    const response = await client.call(`${api}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "assistant", content }),
    });
    if (response.status !== 201)
      throw new Error(`import answered ${response.status}: ${await response.text()}`);
  }
  const seeded = (performance.now() - seedStart) / 1000;

  // Wait for the workspace's index to hear of everything: its reports share this one thread locally.
  for (;;) {
    const listed = (await (await client.call(`/api/sessions/${sessionId}`)).json()) as {
      session: { artifactCount: number };
    };
    if (listed.session.artifactCount >= ARTIFACTS) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));

  // Everything over one socket, one frame at a time, each answered before the next (paced within its budget).
  const socket = new WebSocket(`${client.base.replace("http", "ws")}${api}/ws`, {
    headers: { authorization: `Bearer ${client.token}` },
  } as unknown as string[]);
  await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  let sent = 0;
  /** Sends a frame and resolves with its answer and the round trip in ms. */
  const ask = async (frame: Record<string, unknown> | "ping"): Promise<[number, Record<string, unknown>]> => {
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    const requestId = `r${sent++}`;
    const answered = new Promise<Record<string, unknown>>((resolve) => {
      const listen = (event: MessageEvent) => {
        const text = String(event.data);
        if (frame === "ping" ? text !== "pong" : !text.includes(`"requestId":"${requestId}"`)) return;
        socket.removeEventListener("message", listen);
        resolve(frame === "ping" ? {} : JSON.parse(text));
      };
      socket.addEventListener("message", listen);
    });
    return timed(async () => {
      socket.send(frame === "ping" ? "ping" : JSON.stringify({ ...frame, requestId }));
      return answered;
    });
  };
  const pings: number[] = [];
  for (let i = 0; i < 100; i++) pings.push((await ask("ping"))[0]);

  // Search: each shape of query, 50 times, each with other words.
  const languages = ["typescript", "python", "css", "sql", "javascript"];
  const shapes: [string, (i: number) => Record<string, unknown>][] = [
    ["a rare identifier", (i) => ({ query: `cartStep${(i * 10) % ARTIFACTS}_3` })],
    ["a module's words", (i) => ({ query: `${WORDS[i % WORDS.length]} module ${i * 37}` })],
    ["a prefix, as typed (page of 100)", (i) => ({ query: (WORDS[i % WORDS.length] as string).slice(0, 4) })],
    [
      "a common word, by language (page of 20)",
      (i) => ({ query: "export", language: languages[i % 5], limit: 20 }),
    ],
  ];
  const all: number[] = [];
  const rows = [];
  for (const [shape, query] of shapes) {
    const times: number[] = [];
    let matches = 0;
    for (let i = 0; i < 50; i++) {
      const [ms, answer] = await ask({ type: "search_artifacts", ...query(i) });
      if (answer.type !== "search_results") throw new Error(`search answered ${JSON.stringify(answer)}`);
      times.push(ms);
      matches = (answer.results as unknown[]).length;
    }
    all.push(...times);
    rows.push({
      search: shape,
      results: matches,
      "p50 ms": Number(percentile(times, 50).toFixed(2)),
      "p99 ms": Number(percentile(times, 99).toFixed(2)),
    });
  }

  // Pages of 100 (get_artifacts), from every point of the listing.
  const cursors: (string | undefined)[] = [undefined];
  for (let cursor: string | undefined; ; ) {
    const [, page] = await ask({
      type: "get_artifacts",
      sessionId,
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    if (page.nextCursor === null) break;
    cursor = page.nextCursor as string;
    cursors.push(cursor);
  }
  const pages: number[] = [];
  for (let i = 0; i < 100; i++) {
    const cursor = cursors[i % cursors.length];
    pages.push(
      (await ask({ type: "get_artifacts", sessionId, limit: 100, ...(cursor ? { cursor } : {}) }))[0],
    );
  }

  // A new version: update_artifact until artifact_updated comes back.
  const [, firstPage] = await ask({ type: "get_artifacts", sessionId, limit: 1 });
  const artifactId = (firstPage.artifacts as { id: string }[])[0]?.id as string;
  const saves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const updates = { content: `export const version = ${i};\n` };
    saves.push((await ask({ type: "update_artifact", artifactId, updates }))[0]);
  }
  socket.close();

  const p = (values: number[], n: number) => percentile(values, n).toFixed(2);
  console.log(
    `A session of ${ARTIFACTS} artifacts (${(bytes / 1024 / 1024).toFixed(1)} MB of code), Node ${process.versions.node}, ` +
      `loopback, over one WebSocket: seeded in ${seeded.toFixed(1)} s. A "ping" round trip (the socket's own ` +
      `cost) p50 ${p(pings, 50)} ms, p99 ${p(pings, 99)} ms.`,
  );
  console.table(rows);
  console.log(`Search, every query: p50 ${p(all, 50)} ms, p99 ${p(all, 99)} ms (goal ≤ 5 / 20 ms)`);
  console.log(
    `A page of 100 (get_artifacts, limit 100): p50 ${p(pages, 50)} ms, p99 ${p(pages, 99)} ms (goal ≤ 5 ms)`,
  );
  console.log(
    `Saving a new version (update_artifact round trip): p50 ${p(saves, 50)} ms, p99 ${p(saves, 99)} ms (goal p50 ≤ 2 ms)`,
  );
} finally {
  await server.stop();
}
