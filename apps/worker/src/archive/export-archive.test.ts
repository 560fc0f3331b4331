import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, FolioExport, ImportSummary } from "@folio/protocol";
import { strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer } from "../../test/workspace-helpers.js";
import { exportArchive, READ_AHEAD_BYTES } from "./export-archive.js";

const fence = "```";

function manifestOf(files: Record<string, Uint8Array>): FolioExport {
  return JSON.parse(new TextDecoder().decode(files["folio.json"])) as FolioExport;
}

function text(files: Record<string, Uint8Array>, path: string): string {
  return new TextDecoder().decode(files[path]);
}

function joined(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

function holds(bytes: Uint8Array, text: string): boolean {
  const needle = strToU8(text);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Text that deflates little (base64 of random bytes, about three quarters of its size). */
function noise(chars: number): string {
  let text = "";
  while (text.length < chars)
    text += btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(48_000))));
  return text.slice(0, chars);
}

/**
 * A workspace of two sessions, "First" and "Second", and its export's stream, read until the first session's
 * first file is in it: the manifest, which names both sessions' files, is written by then, and the second
 * session's files are not (the first's hold more than the export makes ahead of its reader).
 */
async function exportStopped() {
  const { workspaceId, token } = await newWorkspace();
  const ids: string[] = [];
  const artifacts: Artifact[] = [];
  for (const title of ["First", "Second"]) {
    const id = await newSession(token);
    const answer = `${fence}js ${title.toLowerCase()}.js\nconsole.log("${title}");\n${fence}\n`;
    artifacts.push(...(await importAnswer(token, id, answer)).artifacts);
    if (title === "First") {
      for (const part of [1, 2]) {
        await importAnswer(
          token,
          id,
          `${fence}text noise-${part}.txt\n${noise(READ_AHEAD_BYTES * 0.8)}\n${fence}\n`,
        );
      }
    }
    await call(token, "PATCH", `/api/sessions/${id}`, { title });
    ids.push(id);
  }
  const plan = await env.WORKSPACE.getByName(workspaceId).exportPlan({});
  if (!plan.ok) throw new Error(plan.error.message);
  const reader = exportArchive(env, workspaceId, plan.value, "workspace").getReader();
  const chunks: Uint8Array[] = [];
  while (!holds(joined(chunks), "First/first.js")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the export ended before the first session's file");
    chunks.push(value);
  }
  const second = artifacts.at(-1) as Artifact;
  const rest = async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return joined(chunks);
      chunks.push(value);
    }
  };
  return { token, second, secondSession: ids[1] as string, rest };
}

describe("an export, streamed", () => {
  it("writes folio.json first, as it reads the sessions, then their files", async () => {
    const { token } = await newWorkspace();
    const id = await newSession(token);
    await importAnswer(token, id, `${fence}js a.js\nconsole.log(1);\n${fence}\n`);
    const zip = new Uint8Array(await (await apiAs(token, "/api/export")).arrayBuffer());
    // The first local header (30 bytes, then the name) names the manifest.
    const nameLength = new DataView(zip.buffer).getUint16(26, true);
    expect(new TextDecoder().decode(zip.subarray(30, 30 + nameLength))).toBe("folio.json");
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(["Untitled chat/a.js", "folio.json"].sort());
  });

  it("reads a session's messages a page at a time, and exports every one in order", async () => {
    const { workspaceId, token } = await newWorkspace();
    const id = await newSession(token);
    await runInDurableObject(env.SESSION.getByName(id), (_, state) => {
      state.storage.sql.exec(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
         INSERT INTO chat_messages (session_id, role, content, status, created_at)
         SELECT ?, iif(i % 2, 'user', 'assistant'), 'message ' || i, 'complete', i FROM n`,
        id,
      );
    });
    const first = await env.SESSION.getByName(id).exportMessages(workspaceId);
    expect(first).toMatchObject({ ok: true, value: { nextCursor: expect.any(String) } });
    expect((first as { value: { items: unknown[] } }).value.items.length).toBeLessThanOrEqual(500);

    const zip = new Uint8Array(await (await apiAs(token, "/api/export")).arrayBuffer());
    const [session] = manifestOf(unzipSync(zip)).sessions;
    expect(session?.messages.map((message) => message.content)).toEqual(
      Array.from({ length: 1200 }, (_, i) => `message ${i + 1}`),
    );
  });

  it("holds each session as it was when the export read its manifest, whatever is written after", async () => {
    const { token, second, secondSession, rest } = await exportStopped();
    await call(token, "PATCH", `/api/sessions/${secondSession}/artifacts/${second.id}`, {
      content: 'console.log("edited");\n',
    });
    await importAnswer(token, secondSession, `${fence}py later.py\nprint("later")\n${fence}\n`);
    const zip = await rest();
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual([
      "First/first.js",
      "First/noise-1.txt",
      "First/noise-2.txt",
      "Second/second.js",
      "folio.json",
    ]);
    expect(text(files, "Second/second.js")).toBe('console.log("Second");\n');
    const manifest = manifestOf(files);
    expect(manifest.sessions[1]?.artifacts.map((a) => a.versions.length)).toEqual([1]);

    // And it imports, every file matching the manifest.
    const target = await newWorkspace();
    const response = await apiAs(target.token, "/api/import", {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: zip,
    });
    const summary = (await response.json()) as ImportSummary;
    expect(summary.sessions.map((s) => s.status)).toEqual(["added", "added"]);
  });

  it("fails, rather than end as a zip that does not import, when an artifact is deleted part way", async () => {
    const { token, second, secondSession, rest } = await exportStopped();
    const deleted = await call(token, "DELETE", `/api/sessions/${secondSession}/artifacts/${second.id}`);
    expect(deleted.status).toBe(204);
    await expect(rest()).rejects.toThrow(/the session "Second" changed while it was exported/);
  });
});
