/**
 * `pnpm bench` (worker): a workspace of 1,000 sessions and 100,000 artifacts, through the server as `script/start`
 * serves it. Seeds it over REST (an answer of 100 small blocks per session), waits until the workspace's index
 * has heard every session, then times the first page of sessions and of the library, plain and filtered
 * (goal: p50 within 50 ms), and how long the index takes to catch up with the seeding.
 */
import { folioServer } from "../../../script/folio-server.ts";
import { benchClient, percentile } from "./client.ts";

const port = Number(process.env.BENCH_PORT ?? 8796);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const PER_SESSION = 100;
const PARALLEL = 4;
const ROUNDS = 100;
const fence = "```";
const LANGUAGES = ["js", "python", "css", "sql", "tsx"];

function answer(session: number): string {
  const blocks: string[] = [];
  for (let i = 0; i < PER_SESSION; i++) {
    const lang = LANGUAGES[(session + i) % LANGUAGES.length];
    blocks.push(
      `Step ${i}:\n\n${fence}${lang}\n// session ${session}, block ${i}\nvalue_${i} = ${session * i};\n${fence}\n`,
    );
  }
  return blocks.join("\n");
}

const server = folioServer(port);
await server.start();
try {
  const client = await benchClient(`http://127.0.0.1:${port}`);
  const seedStart = performance.now();
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let session = next++; session < SESSIONS; session = next++) {
        const id = await client.newSession();
        ids.push(id);
        const response = await client.call(`/api/sessions/${id}/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ role: "assistant", content: answer(session) }),
        });
        if (response.status !== 201) throw new Error(`import answered ${response.status}`);
        if (session % 100 === 99) process.stderr.write(`seeded ${session + 1} sessions\n`);
      }
    }),
  );
  const seeded = performance.now() - seedStart;

  // The index has caught up when the listed sessions' counts add up to every artifact.
  let indexed = 0;
  while (indexed < SESSIONS * PER_SESSION) {
    indexed = 0;
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=500&cursor=${cursor}` : "?limit=500";
      const page = (await (await client.call(`/api/sessions${query}`)).json()) as {
        sessions: { artifactCount: number }[];
        nextCursor: string | null;
      };
      indexed += page.sessions.reduce((sum, session) => sum + session.artifactCount, 0);
      cursor = page.nextCursor;
    } while (cursor);
    if (indexed < SESSIONS * PER_SESSION) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const caughtUp = performance.now() - seedStart;

  const time = async (path: string) => {
    const times: number[] = [];
    let count = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      const response = await client.call(path);
      const body = (await response.json()) as { sessions?: unknown[]; artifacts?: unknown[] };
      times.push(performance.now() - start);
      count = (body.sessions ?? body.artifacts ?? []).length;
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    }
    const p50 = percentile(times, 50);
    return {
      request: `GET ${path}`,
      items: count,
      "p50 ms": Number(p50.toFixed(1)),
      "p99 ms": Number(percentile(times, 99).toFixed(1)),
      goal: p50 <= 50 ? "met" : "MISSED",
    };
  };
  const rows = [
    await time("/api/sessions"),
    await time("/api/artifacts"),
    await time("/api/artifacts?type=python"),
    await time("/api/artifacts?language=sql&order=oldest"),
    await time(`/api/artifacts?sessionId=${ids[ids.length >> 1]}`),
  ];
  console.log(
    `A workspace of ${SESSIONS} sessions and ${indexed} artifacts, Node ${process.versions.node}, loopback: ` +
      `seeded in ${(seeded / 1000).toFixed(1)} s, index caught up ${((caughtUp - seeded) / 1000).toFixed(1)} s later. ` +
      `First pages (${ROUNDS} requests each, goal p50 ≤ 50 ms):`,
  );
  console.table(rows);
} finally {
  await server.stop();
}
