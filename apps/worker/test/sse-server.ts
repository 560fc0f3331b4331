/**
 * A real HTTP server on loopback that speaks the OpenAI chat completions streaming protocol, for the provider
 * tests (run by vitest's globalSetup in Node; the Worker under test reaches it over the network). The first path
 * segment picks the behaviour:
 * - /ok/v1/chat/completions — streams an answer that quotes the last user message, in frames split at awkward
 *   places (mid-JSON, mid-UTF-8 character, CRLF line endings, comments), then [DONE]. Requires `Bearer test-key`.
 * - /error/v1/… — 503 with an OpenAI-style JSON error.
 * - /drop/v1/… — streams part of an answer, then destroys the connection.
 * - /slow/v1/… — one small event every 20 ms for up to 10 s (to be cancelled).
 * - /hang/v1/… — streams part of an answer with one closed block, then sends nothing, holding the connection
 *   open for up to 10 s.
 * - /garbage/v1/… — an event whose data is not JSON.
 * - /tiny-blocks/<KiB>/v1/… — an answer of that many KiB of three-line blocks, numbered from 0, in 64-character
 *   events: the answer shape that was quadratic.
 * - /runaway/v1/… — an answer that never stops being long: 3 MB of prose and small blocks.
 * - /huge-block/v1/… — one code block of 2.5 MB (with two-byte characters), then its closing fence.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

interface ChatRequest {
  model: string;
  stream: boolean;
  messages: { role: string; content: string }[];
}

const fence = "```";

function event(content: string, finish: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
}

/** The answer of the "tiny-blocks" scenario: `kib` KiB of three-line blocks, numbered from 0. */
function tinyBlocks(kib: number): string {
  const blocks: string[] = [];
  for (let size = 0, i = 0; size < kib * 1024; i++) {
    const block = `${fence}\n${i}\n${fence}\n`;
    blocks.push(block);
    size += block.length;
  }
  return blocks.join("");
}

/** Text of about `bytes` bytes of UTF-8, made of `unit` repeated. */
function repeated(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

/** Streams a whole answer in events of 64 KiB, then stops. */
function streamWhole(response: ServerResponse, answer: string): void {
  startEvents(response);
  const events: string[] = [];
  for (let at = 0; at < answer.length; at += 64 * 1024) events.push(event(answer.slice(at, at + 64 * 1024)));
  response.end(`${events.join("")}${event("", "stop")}data: [DONE]\n\n`);
}

async function readBody(request: IncomingMessage): Promise<ChatRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
}

function startEvents(response: ServerResponse): void {
  response.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  response.flushHeaders();
}

/** Writes bytes in pieces of the given sizes, with a pause between, so frames arrive split. */
async function writeSplit(response: ServerResponse, text: string, sizes: number[]): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] as number;
    response.write(bytes.subarray(at, at + size));
    at += size;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const scenario = request.url?.split("/")[1] ?? "";
  if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
    response.writeHead(404).end();
    return;
  }
  const body = await readBody(request);
  const question = [...body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
  switch (scenario) {
    case "ok": {
      if (request.headers.authorization !== "Bearer test-key") {
        response.writeHead(401, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ error: { message: "Incorrect API key provided", type: "invalid_request_error" } }),
        );
        return;
      }
      const system = body.messages[0]?.role === "system" ? "with a system prompt" : "without a system prompt";
      const pieces = [
        `You asked “${question}” (${body.messages.length} messages, ${system}, model ${body.model}).\n\n`,
        "Here it is:\n\n",
        `${fence}ts title="answer.ts"\n`,
        "export const answer = 42; // ✓ café\n",
        `${fence}\n`,
        "Done.",
      ];
      startEvents(response);
      const stream = `: keep-alive comment\r\n\r\n${pieces.map((piece) => event(piece)).join("")}${event("", "stop")}data: [DONE]\n\n`;
      await writeSplit(response, stream, [5, 17, 1, 64, 3]);
      response.end();
      return;
    }
    case "error":
      response.writeHead(503, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "The model is overloaded", type: "server_error" } }));
      return;
    case "drop":
      startEvents(response);
      response.write(event("Here is the start of a long answer\n\n"));
      response.write(event(`${fence}python\nprint("hi")\n${fence}\n\nand then`));
      await new Promise((resolve) => setTimeout(resolve, 20));
      response.destroy();
      return;
    case "hang": {
      startEvents(response);
      response.write(event(`Part one:\n\n${fence}sql\nSELECT 1;\n${fence}\n\nand then`));
      const timer = setTimeout(() => response.end(), 10_000);
      response.on("close", () => clearTimeout(timer));
      return;
    }
    case "slow": {
      startEvents(response);
      let closed = false;
      request.on("close", () => {
        closed = true;
      });
      response.on("close", () => {
        closed = true;
      });
      for (let i = 0; i < 500 && !closed; i++) {
        response.write(event(i === 0 ? `${fence}js\n` : `line ${i}\n`));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (!closed) response.end(`data: [DONE]\n\n`);
      return;
    }
    case "tiny-blocks": {
      startEvents(response);
      const answer = tinyBlocks(Number(request.url.split("/")[2]));
      const events: string[] = [];
      for (let at = 0; at < answer.length; at += 64) events.push(event(answer.slice(at, at + 64)));
      response.end(`${events.join("")}${event("", "stop")}data: [DONE]\n\n`);
      return;
    }
    case "runaway":
      streamWhole(response, repeated(`Step by step.\n\n${fence}js\nconsole.log("step");\n${fence}\n\n`, 3e6));
      return;
    case "huge-block":
      streamWhole(response, `The page:\n\n${fence}html\n${repeated("<p>café crème</p>\n", 2.5e6)}${fence}\n`);
      return;
    case "garbage":
      startEvents(response);
      response.end("data: {not json\n\n");
      return;
    default:
      response.writeHead(404).end();
  }
}

export async function startSseServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
