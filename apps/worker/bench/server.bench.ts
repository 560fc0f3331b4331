/**
 * `pnpm bench` (worker): the server as `script/start` serves it, on loopback, measured from outside.
 * 1. Importing one answer of each of the parser benchmark's shapes at 10 KB, 100 KB and 1 MiB (a 1 MiB answer of
 *    ~75,000 tiny blocks among them): time per MB, and how long /api/health (polled every 25 ms meanwhile) takes.
 * 2. Flood isolation: one socket sends 20,000 frames at its session while another session's REST reads are
 *    timed (goal: p99 under 250 ms).
 */
import { Worker } from "node:worker_threads";
import { LIMITS, utf8Length } from "@folio/protocol";
import { SHAPES } from "../../../packages/parser/bench/shapes.ts";
import { folioServer } from "../../../script/folio-server.ts";
import { type BenchClient, benchClient, percentile } from "./client.ts";

const port = Number(process.env.BENCH_PORT ?? 8795);
const base = `http://127.0.0.1:${port}`;
const MB = 1024 * 1024;

let client: BenchClient;

// The parser benchmark's shapes, the largest kept just under the 1 MiB content limit.
const SIZES: Record<string, number> = { "10 KB": 10 * 1024, "100 KB": 100 * 1024, "1 MiB": MB - 16 * 1024 };

async function importWhilePolling(content: string) {
  const sessionId = await client.newSession();
  const health: number[] = [];
  let importing = true;
  const poller = (async () => {
    while (importing) {
      const start = performance.now();
      await fetch(`${base}/api/health`);
      health.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const body = JSON.stringify({ role: "assistant", content });
  const start = performance.now();
  const response = await client.call(`/api/sessions/${sessionId}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  // Until the answer starts: the server's work (stored and serialised); then its body, every artifact in it.
  const seconds = (performance.now() - start) / 1000;
  const { artifacts } = (await response.json()) as { artifacts: unknown[] };
  const total = (performance.now() - start) / 1000;
  importing = false;
  await poller;
  if (response.status !== 201) throw new Error(`import answered ${response.status}`);
  return { seconds, total, artifacts: artifacts.length, healthMax: Math.max(...health) };
}

/** The flooding client runs in a thread of its own, so its sending never delays the reader's timings. */
const FLOODER = `
const { parentPort, workerData } = require("node:worker_threads");
const socket = new WebSocket(workerData.url, { headers: { authorization: workerData.authorization } });
let received = 0;
socket.addEventListener("message", () => received++);
socket.addEventListener("close", (event) => parentPort.postMessage({ code: event.code, received }));
socket.addEventListener("open", () => {
  const frame = JSON.stringify({ type: "get_messages" });
  for (let i = 0; i < 20000; i++) socket.send(frame);
});
`;

async function floodIsolation() {
  const flooded = await client.newSession();
  const reader = await client.newSession();
  const flooder = new Worker(FLOODER, {
    eval: true,
    workerData: {
      url: `ws://127.0.0.1:${port}/api/sessions/${flooded}/ws`,
      authorization: `Bearer ${client.token}`,
    },
  });
  const closed = new Promise<{ code: number; received: number }>((resolve) =>
    flooder.once("message", resolve),
  );
  const reads: number[] = [];
  const until = performance.now() + 4000;
  while (performance.now() < until) {
    const start = performance.now();
    await client.call(`/api/sessions/${reader}/messages`);
    reads.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const { code, received } = await closed;
  await flooder.terminate();
  return { reads, closeCode: code, received };
}

const server = folioServer(port);
await server.start();
try {
  client = await benchClient(base);
  const rows: Record<string, string | number>[] = [];
  for (const [shape, make] of Object.entries(SHAPES)) {
    for (const [size, bytes] of Object.entries(SIZES)) {
      const content = make(bytes);
      if (utf8Length(content) > LIMITS.messageContentBytes)
        throw new Error(`${shape} ${size} is over the limit`);
      const result = await importWhilePolling(content);
      rows.push({
        shape,
        size,
        artifacts: result.artifacts,
        "stored in ms": Math.round(result.seconds * 1000),
        "ms/MB": Math.round((result.seconds * 1000 * MB) / content.length),
        "with the answer's body ms": Math.round(result.total * 1000),
        "/api/health slowest ms": Math.round(result.healthMax),
      });
    }
  }
  console.log(
    `Importing one answer (POST /api/sessions/:id/messages), Node ${process.versions.node}, loopback:`,
  );
  console.table(rows);
  const flood = await floodIsolation();
  console.log(
    `Flood: 20,000 frames from one socket (closed with ${flood.closeCode || "no close"} after ${flood.received} answers); ` +
      `another session's REST reads: n=${flood.reads.length}, p50 ${percentile(flood.reads, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(flood.reads, 99).toFixed(1)} ms, max ${Math.max(...flood.reads).toFixed(1)} ms ` +
      `(goal p99 < 250 ms: ${percentile(flood.reads, 99) < 250 ? "met" : "MISSED"})`,
  );
} finally {
  await server.stop();
}
