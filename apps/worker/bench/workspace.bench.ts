/**
 * `pnpm bench` (worker): a workspace of 1,000 sessions and 100,000 artifacts, through the server as `script/start`
 * serves it. Seeds it over REST (an answer of 100 small blocks per session), waits until the workspace's index
 * has heard every session, then times the first page of sessions and of the library, plain and filtered
 * (goal: p50 within 50 ms), how long the index takes to catch up with the seeding, and what a save costs with
 * the index kept: the round trip of an edit over the socket (`update_artifact` → `artifact_updated`, which
 * includes marking the outbox; the report to the workspace follows it), so the index adds no more than this.
 */
import { folioServer } from "../../../script/folio-server.ts";
import { benchClient, percentile } from "./client.ts";

const port = Number(process.env.BENCH_PORT ?? 8796);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const PER_SESSION = 100;
const PARALLEL = 4;
const ROUNDS = 100;
const SAVES = 200;
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

/** Edits one artifact again and again over the socket, each after the last was confirmed. */
async function saveRoundTrips(base: string, token: string, sessionId: string): Promise<string> {
  const listed = (await (
    await fetch(`${base}/api/sessions/${sessionId}/artifacts`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { artifacts: { id: string }[] };
  const artifactId = listed.artifacts[0]?.id as string;
  const socket = new WebSocket(`${base.replace("http", "ws")}/api/sessions/${sessionId}/ws`, {
    headers: { authorization: `Bearer ${token}` },
  } as unknown as string[]);
  await new Promise((resolve) => socket.addEventListener("open", resolve, { once: true }));
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const confirmed = new Promise<void>((resolve, reject) => {
      setTimeout(() => reject(new Error(`save ${i} was not confirmed in 5 s`)), 5000);
      const listen = (event: MessageEvent) => {
        if (String(event.data).includes(`"requestId":"save-${i}"`)) {
          socket.removeEventListener("message", listen);
          resolve();
        }
      };
      socket.addEventListener("message", listen);
    });
    const start = performance.now();
    socket.send(
      JSON.stringify({
        type: "update_artifact",
        artifactId,
        updates: { content: `value = ${i};\n` },
        requestId: `save-${i}`,
      }),
    );
    await confirmed;
    times.push(performance.now() - start);
    // Paced within a socket's budget (20 frames a second), so each save's report runs between saves.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  socket.close();
  return (
    `Saving an artifact (update_artifact round trip over the socket, index kept), ${SAVES} saves: ` +
    `p50 ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms`
  );
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

  // Search across the workspace (#14's goal: p50 ≤ 20 ms at 100,000 artifacts), 50 requests of each shape.
  const searchShapes: [string, (i: number) => string][] = [
    ["one block's words", (i) => `q=session+${(i * 13) % SESSIONS}+block+${i % PER_SESSION}`],
    ["a number, as typed", (i) => `q=${100 + ((i * 7) % 900)}`],
    ["a session's blocks, by language", (i) => `q=session+${(i * 17) % SESSIONS}&language=python`],
    ["a word in every artifact (page of 20)", () => "q=value&limit=20"],
  ];
  const searches = [];
  const everySearch: number[] = [];
  for (const [shape, query] of searchShapes) {
    const times: number[] = [];
    let results = 0;
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      const response = await client.call(`/api/artifacts?${query(i)}`);
      const body = (await response.json()) as { results: unknown[] };
      times.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`search answered ${response.status}`);
      results = body.results.length;
    }
    everySearch.push(...times);
    searches.push({
      search: shape,
      results,
      "p50 ms": Number(percentile(times, 50).toFixed(1)),
      "p99 ms": Number(percentile(times, 99).toFixed(1)),
    });
  }
  const searchP50 = percentile(everySearch, 50);
  console.log(
    `Search across the workspace (GET /api/artifacts?q=…): every query p50 ${searchP50.toFixed(1)} ms, ` +
      `p99 ${percentile(everySearch, 99).toFixed(1)} ms (goal p50 ≤ 20 ms: ${searchP50 <= 20 ? "met" : "MISSED"})`,
  );
  console.table(searches);
  console.log(await saveRoundTrips(client.base, client.token, ids[0] as string));
} finally {
  await server.stop();
}
