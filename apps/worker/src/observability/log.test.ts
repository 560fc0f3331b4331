import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, connect, newSession } from "../../test/client.js";
import { loggedPath } from "./log.js";

const fence = "```";
/** Words that are in the artifact's content only: no log line may carry them. */
const SECRET = "sk-do-not-log-7f3a";

/** The JSON lines logged while a test runs, parsed, in order. */
let lines: Record<string, unknown>[] = [];
let raw: string[] = [];

beforeEach(() => {
  lines = [];
  raw = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const text = args.map(String).join(" ");
      raw.push(text);
      if (text.startsWith("{")) lines.push(JSON.parse(text) as Record<string, unknown>);
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("structured logs", () => {
  it("logs each streamed save, edit and delete as one JSON line with sizes and never the content", async () => {
    const sessionId = await newSession();
    const socket = await connect(sessionId);
    const code = `const key = "${SECRET}";\nconsole.log(key);`;
    socket.send({
      type: "chat",
      content: `/echo Config:\n\n${fence}js title="config.js"\n${code}\n${fence}\n`,
    });
    const done = await socket.next("message_done");
    const [artifact] = done.artifacts;
    if (!artifact) throw new Error("no artifact");

    const edited = await api(`/api/sessions/${sessionId}/artifacts/${artifact.id}`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: `${code}\n// ${SECRET} again` }),
    });
    expect(edited.status).toBe(200);
    expect(
      (await api(`/api/sessions/${sessionId}/artifacts/${artifact.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    socket.close();

    const ofSession = lines.filter((line) => line.session === sessionId);
    expect(ofSession.map((line) => line.event)).toEqual([
      "artifact.created",
      "answer.done",
      "artifact.updated",
      "artifact.deleted",
    ]);
    expect(ofSession[0]).toMatchObject({
      level: "info",
      artifact: artifact.id,
      message: done.message.id,
      title: "config.js",
      type: artifact.type,
      version: 1,
      bytes: new TextEncoder().encode(artifact.content).byteLength,
      ms: expect.any(Number),
    });
    expect(ofSession[1]).toMatchObject({ status: "complete", count: 1, message: done.message.id });
    expect(ofSession[2]).toMatchObject({ artifact: artifact.id, version: 2, title: "config.js" });
    expect(ofSession[3]).toMatchObject({ artifact: artifact.id });
    expect(raw.filter((text) => text.includes(SECRET))).toEqual([]);
  });

  it("logs an imported answer as one line for all its artifacts", async () => {
    const sessionId = await newSession();
    const content = `${fence}py\nprint("${SECRET}")\n${fence}\n\n${fence}sh\necho ${SECRET}\n${fence}\n`;
    const imported = await api(`/api/sessions/${sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "assistant", content }),
    });
    expect(imported.status).toBe(201);
    const ofSession = lines.filter((line) => line.session === sessionId);
    expect(ofSession).toEqual([
      expect.objectContaining({
        event: "import.answer",
        count: 2,
        bytes: new TextEncoder().encode(content).length,
      }),
    ]);
    expect(raw.filter((text) => text.includes(SECRET))).toEqual([]);
  });
});

describe("a logged request path", () => {
  it("names a share link by its route, never by its token, wherever the path goes on", () => {
    const token = "s3cr3t-share-token";
    for (const rest of ["", "/copy", "/artifacts/a1", "/artifacts/a1/raw"]) {
      const path = loggedPath(`/api/share/${token}${rest}`);
      expect(path).toBe(`/api/share/:token${rest}`);
      expect(path).not.toContain(token);
    }
  });

  it("keeps every other path as it is", () => {
    for (const path of [
      "/api/sessions/abc/artifacts",
      "/api/shares",
      "/api/workspace/share/x",
      "/api/health",
    ]) {
      expect(loggedPath(path)).toBe(path);
    }
  });
});
