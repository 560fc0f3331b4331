/**
 * `pnpm load`: N WebSocket clients (default 50) across M sessions of W workspaces chat through the offline model
 * with code-heavy answers while readers list and search, bounded in answers and in time. Reports frames/s and
 * the p50/p95/p99 from a chat's send to its `message_done` and from a block's close (its closing fence seen in
 * the stream, at each socket) to its `artifact_created`, then verifies through the API that every expected
 * artifact exists exactly once with its exact content. Loopback only: it starts a server of its own (as
 * `script/start` does, fresh state) unless `--url` names one on 127.0.0.1 or localhost.
 *
 *   pnpm load [--clients 50] [--sessions 25] [--workspaces 5] [--answers 4] [--readers 4] [--max-seconds 600]
 *             [--delay-ms 12] [--url http://127.0.0.1:8787]
 */
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { createCodeBlockStream } from "@folio/parser";
import type { Artifact, ServerFrame } from "@folio/protocol";
import { SingleBar } from "cli-progress";
import { folioServer } from "../../script/folio-server.ts";
import { FolioApi, type FrameSocket, sleep } from "../support/folio-client.ts";

const { values: options } = parseArgs({
  // pnpm may pass a "--" before the options.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    clients: { type: "string", default: "50" },
    sessions: { type: "string", default: "25" },
    workspaces: { type: "string", default: "5" },
    answers: { type: "string", default: "4" },
    readers: { type: "string", default: "4" },
    "max-seconds": { type: "string", default: "600" },
    // The offline model's pause between chunks on a server of its own: 12 ms as script/start has it, 0 to stress.
    "delay-ms": { type: "string", default: "12" },
    url: { type: "string" },
  },
});
const CLIENTS = Number(options.clients);
const SESSIONS = Math.min(Number(options.sessions), CLIENTS);
const WORKSPACES = Math.min(Number(options.workspaces), SESSIONS);
const ANSWERS = Number(options.answers);
const READERS = Number(options.readers);
const DEADLINE = performance.now() + Number(options["max-seconds"]) * 1000;
const fence = "```";

const LANGUAGES = [
  { lang: "ts", ext: "ts", line: (n: number) => `export const value${n}: number = ${n} * 2;` },
  { lang: "python", ext: "py", line: (n: number) => `value_${n} = compute(${n}, scale=2)` },
  { lang: "sql", ext: "sql", line: (n: number) => `SELECT id, total FROM orders WHERE id = ${n};` },
  { lang: "css", ext: "css", line: (n: number) => `.row-${n} { margin: ${n % 40}px; }` },
];

interface Expected {
  title: string;
  content: string;
  workspace: number;
  sessionId: string;
}

/** A code-heavy answer: four blocks of 24 lines in four languages, with prose between, titled uniquely. */
function answerOf(
  client: number,
  turn: number,
): { text: string; blocks: { title: string; content: string }[] } {
  const blocks = LANGUAGES.map(({ lang, ext, line }, b) => {
    const lines = Array.from({ length: 24 }, (_, n) => line(client * 1000 + turn * 100 + b * 24 + n));
    return { lang, title: `c${client}-t${turn}-b${b}.${ext}`, content: `${lines.join("\n")}\n` };
  });
  const text = blocks
    .map(
      ({ lang, title, content }, b) =>
        `Part ${b + 1}, the ${lang} side:\n\n${fence}${lang} title="${title}"\n${content}${fence}\n`,
    )
    .join("\n");
  return { text, blocks: blocks.map(({ title, content }) => ({ title, content })) };
}

/**
 * Sends a chat and waits for its own answer's `message_done`: the user message echoed with the request id, the
 * answer that starts after it, that answer's end. An answer of another client still finishing (`busy`) is
 * waited out and the chat sent again.
 */
async function ask(socket: FrameSocket, content: string, requestId: string) {
  for (;;) {
    const from = socket.received.length;
    socket.send({ type: "chat", content, requestId });
    const first = await socket.waitFor(
      (frame): frame is Extract<ServerFrame, { type: "message" | "error" }> =>
        (frame.type === "message" || frame.type === "error") && frame.requestId === requestId,
      `the answer to ${requestId}`,
      { after: from, timeoutMs: 120_000 },
    );
    if (first.type === "error") {
      if (first.code !== "busy") throw new Error(`chat refused: ${first.code} ${first.message}`);
      await sleep(50);
      continue;
    }
    // Where that frame is: looked for from `from` on, not from the socket's first frame.
    let at = from;
    while (socket.received[at]?.frame !== first) at++;
    const start = await socket.next("message_start", () => true, { after: at, timeoutMs: 120_000 });
    const id = start.message.id;
    return socket.next("message_done", (frame) => frame.message.id === id, { after: at, timeoutMs: 120_000 });
  }
}

function percentiles(values: number[]): string {
  if (values.length === 0) return "–";
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
  return [50, 95, 99].map((p) => `${at(p).toFixed(1)}`).join(" / ");
}

function loopback(url: string): boolean {
  const { hostname } = new URL(url);
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

async function main(): Promise<void> {
  if (options.url && !loopback(options.url)) throw new Error(`--url must be on loopback, not ${options.url}`);
  const server = options.url
    ? null
    : folioServer(Number(process.env.LOAD_PORT ?? 8795), {
        OFFLINE_CHUNK_DELAY_MS: String(options["delay-ms"]),
      });
  await server?.start();
  const base = options.url ?? (server?.url as string);
  try {
    await run(base);
  } finally {
    await server?.stop();
  }
}

async function run(base: string): Promise<void> {
  const workspaces = await Promise.all(Array.from({ length: WORKSPACES }, () => FolioApi.newWorkspace(base)));
  const sessions = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, s) => {
      const workspace = s % WORKSPACES;
      return { workspace, sessionId: await (workspaces[workspace] as FolioApi).newSession() };
    }),
  );
  const sockets: FrameSocket[] = [];
  const closeLatency: number[] = [];
  const doneLatency: number[] = [];
  const expected: Expected[] = [];
  let frames = 0;

  // Every socket watches every answer of its session: the closing fence's arrival, then its artifact_created.
  async function connect(client: number): Promise<{ socket: FrameSocket; sessionId: string; api: FolioApi }> {
    const { workspace, sessionId } = sessions[client % SESSIONS] as (typeof sessions)[number];
    const api = workspaces[workspace] as FolioApi;
    const socket = await api.socket(sessionId);
    const answers = new Map<
      string,
      { stream: ReturnType<typeof createCodeBlockStream>; closed: number[]; created: number }
    >();
    socket.onFrame(({ frame, at }) => {
      frames++;
      if (frame.type === "message_start") {
        answers.set(frame.message.id, { stream: createCodeBlockStream(), closed: [], created: 0 });
      } else if (frame.type === "message_delta") {
        const answer = answers.get(frame.messageId);
        for (const event of answer?.stream.write(frame.delta) ?? [])
          if (event.type === "close") answer?.closed.push(at);
      } else if (frame.type === "artifact_created" && frame.artifact.messageId !== null) {
        const answer = answers.get(frame.artifact.messageId);
        const closedAt = answer?.closed[answer.created++];
        if (closedAt !== undefined) closeLatency.push(at - closedAt);
      } else if (frame.type === "message_done") {
        answers.delete(frame.message.id);
      }
    });
    sockets.push(socket);
    return { socket, sessionId, api };
  }
  const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, client) => connect(client)));

  const total = CLIENTS * ANSWERS;
  const bar = new SingleBar({
    format: "load |{bar}| {value}/{total} answers | {rate} frames/s | {seconds} s",
    hideCursor: true,
    stream: process.stderr,
    // Without a terminal (CI, a log file) the bar is printed every 5 s instead of redrawn.
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  const started = performance.now();
  bar.start(total, 0, { rate: 0, seconds: 0 });
  const ticker = setInterval(() => {
    const seconds = (performance.now() - started) / 1000;
    bar.update({ rate: Math.round(frames / seconds), seconds: Math.round(seconds) });
  }, 500);

  // Clients of one session take turns (a session answers one question at a time); sessions run at once.
  let answered = 0;
  let timedOut = false;
  const turns = new Map<string, Promise<void>>();
  async function chat(client: number, turn: number): Promise<void> {
    const { socket, sessionId } = clients[client] as (typeof clients)[number];
    const previous = turns.get(sessionId) ?? Promise.resolve();
    const mine = previous.then(async () => {
      if (performance.now() > DEADLINE) {
        timedOut = true;
        return;
      }
      const { text, blocks } = answerOf(client, turn);
      const sent = performance.now();
      const done = await ask(socket, `/echo ${text}`, `c${client}t${turn}`);
      doneLatency.push(performance.now() - sent);
      if (done.message.status !== "complete") throw new Error(`an answer ended ${done.message.status}`);
      const { workspace } = sessions[client % SESSIONS] as (typeof sessions)[number];
      for (const block of blocks) expected.push({ ...block, workspace, sessionId });
      answered++;
      bar.increment();
    });
    turns.set(
      sessionId,
      mine.catch(() => {}),
    );
    return mine;
  }

  // Readers list and search the workspaces while the answers stream.
  const reads = { list: [] as number[], search: [] as number[], sessions: [] as number[] };
  let reading = true;
  const readers = Array.from({ length: READERS }, async (_, r) => {
    const api = workspaces[r % WORKSPACES] as FolioApi;
    for (let round = 0; reading; round++) {
      for (const [kind, path] of [
        ["list", "/api/artifacts?limit=100"],
        ["search", `/api/artifacts?q=${["orders", "compute", "margin", "value"][round % 4]}&limit=20`],
        ["sessions", "/api/sessions"],
      ] as const) {
        const start = performance.now();
        const response = await api.call("GET", path);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        reads[kind].push(performance.now() - start);
      }
      await sleep(50);
    }
  });

  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let turn = 0; turn < ANSWERS; turn++) await chat(client, turn);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  reading = false;
  await Promise.all(readers);
  clearInterval(ticker);
  bar.stop();

  // Every expected artifact exists exactly once, with its exact content: per workspace, through the library.
  let verified = 0;
  const problems: string[] = [];
  for (const [w, api] of workspaces.entries()) {
    const mine = expected.filter(({ workspace }) => workspace === w);
    let listed: Artifact[] = [];
    // The library hears of saves through the sessions' outboxes: give it a moment to converge.
    for (let attempt = 0; attempt < 50; attempt++) {
      listed = await api.everyPage<Artifact>("/api/artifacts", "artifacts");
      if (listed.length >= mine.length) break;
      await sleep(200);
    }
    if (listed.length !== mine.length)
      problems.push(`workspace ${w}: ${listed.length} artifacts, expected ${mine.length}`);
    const byTitle = Map.groupBy(listed, ({ title }) => title);
    for (const want of mine) {
      const found = byTitle.get(want.title) ?? [];
      if (found.length !== 1) problems.push(`${want.title}: ${found.length} copies`);
      else if (found[0]?.content !== want.content) problems.push(`${want.title}: content differs`);
      else if (found[0]?.sessionId !== want.sessionId) problems.push(`${want.title}: in the wrong session`);
      else verified++;
    }
  }
  for (const socket of sockets) socket.close();

  const lines = [
    `| Measure | Value |`,
    `|---|---|`,
    `| Clients / sessions / workspaces / readers | ${CLIENTS} / ${SESSIONS} / ${WORKSPACES} / ${READERS} |`,
    `| Offline model | ${options.url ? "as the server at --url has it" : `6 characters a chunk, ${options["delay-ms"]} ms apart`} |`,
    `| Answers (4 code blocks of 24 lines each) | ${answered} of ${total}${timedOut ? " (stopped at --max-seconds)" : ""} in ${seconds.toFixed(1)} s |`,
    `| Frames received, all sockets | ${frames} (${Math.round(frames / seconds)} frames/s) |`,
    `| Send → message_done, ms p50 / p95 / p99 | ${percentiles(doneLatency)} |`,
    `| Block close → artifact_created at each socket, ms p50 / p95 / p99 (${closeLatency.length} blocks) | ${percentiles(closeLatency)} |`,
    `| Readers: library page of 100, ms p50 / p95 / p99 (${reads.list.length}) | ${percentiles(reads.list)} |`,
    `| Readers: library search, ms p50 / p95 / p99 (${reads.search.length}) | ${percentiles(reads.search)} |`,
    `| Readers: session list, ms p50 / p95 / p99 (${reads.sessions.length}) | ${percentiles(reads.sessions)} |`,
    `| Artifacts verified exactly once with exact content | ${verified} of ${expected.length} |`,
  ];
  console.log(
    `\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
  );
  console.log(lines.join("\n"));
  if (problems.length > 0) {
    console.error(`\n${problems.length} problems:\n${problems.slice(0, 20).join("\n")}`);
    process.exitCode = 1;
  }
}

await main();
