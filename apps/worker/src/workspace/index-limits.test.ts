import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, newSession, newWorkspace } from "../../test/client.js";
import { cappedStorage } from "../../test/sql-work.js";
import { importAnswer, library, settled, wholeLibrary } from "../../test/workspace-helpers.js";
import { newId } from "../ids.js";
import { INDEX_CONTENT_BYTES, WorkspaceIndex } from "./workspace-index.js";

const fence = "```";
const block = (lang: string, code: string) => `${fence}${lang}\n${code}\n${fence}\n`;

function artifactOf(sessionId: string, content: string, title: string): Artifact {
  const now = Date.now();
  return {
    id: newId(),
    sessionId,
    messageId: null,
    title,
    description: null,
    type: "code",
    content,
    language: "text",
    metadata: {},
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

describe("reports are stored within SQLite's value cap, whatever they hold", () => {
  it("indexes a report of 40 artifacts of 100 KB and one of 1.5 MB (cut, and marked, past INDEX_CONTENT_BYTES)", async () => {
    const { workspaceId } = await newWorkspace();
    const sessionId = newId();
    const large = artifactOf(sessionId, `${"é".repeat(750_000)}`, "large.txt");
    const upserts = [
      ...Array.from({ length: 40 }, (_, i) =>
        artifactOf(sessionId, `${i}`.padEnd(100_000, "x"), `f${i}.txt`),
      ),
      large,
    ];
    const stored = await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
      const index = new WorkspaceIndex(cappedStorage(state.storage));
      const activity = { createdAt: 1, lastActivityAt: 1, messageCount: 1, artifactCount: 41, gist: null };
      index.applyReport({ sessionId, activity, upserts, deletes: [] });
      return state.storage.sql
        .exec<{ title: string; bytes: number; metadata: string }>(
          "SELECT title, length(CAST(content AS BLOB)) AS bytes, metadata FROM artifacts WHERE session_id = ?",
          sessionId,
        )
        .toArray();
    });
    expect(stored).toHaveLength(41);
    const kept = stored.find((row) => row.title === "large.txt");
    expect(kept?.bytes).toBe(INDEX_CONTENT_BYTES);
    expect(JSON.parse(kept?.metadata ?? "{}")).toEqual({ indexTruncated: 1_500_000 });
    expect(stored.filter((row) => row.bytes === 100_000)).toHaveLength(40);
  });

  it("converges for a session of 40 artifacts of 100 KB", async () => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    for (let part = 0; part < 4; part++) {
      const blocks = Array.from({ length: 10 }, (_, i) => block("txt", `${part}-${i}`.padEnd(100_000, "x")));
      await importAnswer(token, sessionId, blocks.join("\n"));
    }
    await settled(sessionId);
    expect(await wholeLibrary(token)).toHaveLength(40);
  });
});

describe("a repair of the index", () => {
  it("never shows an empty library while it runs, and drops entries of artifacts the session no longer has", async () => {
    const { token, workspaceId } = await newWorkspace();
    const sessionId = await newSession(token);
    const blocks = Array.from({ length: 3000 }, (_, i) => `${fence}\n${i}\n${fence}\n`);
    await importAnswer(token, sessionId, blocks.join(""));
    await settled(sessionId);
    // An entry of an artifact the session does not have (a lost delete).
    const stray = artifactOf(sessionId, "stray();", "stray.js");
    await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
      const activity = { createdAt: 1, lastActivityAt: 1, messageCount: 1, artifactCount: 3000, gist: null };
      new WorkspaceIndex(state.storage).applyReport({ sessionId, activity, upserts: [stray], deletes: [] });
    });
    let done = false;
    const rebuilt = apiAs(token, "/api/workspace/reindex", { method: "POST" }).finally(() => {
      done = true;
    });
    const seen: number[] = [];
    while (!done) {
      const page = await library(token, "?limit=500");
      seen.push(page.artifacts.length);
    }
    expect(await (await rebuilt).json()).toEqual({ sessions: 1, artifacts: 3000 });
    expect(Math.min(...seen)).toBe(500);
    await settled(sessionId);
    const after = await wholeLibrary(token);
    expect(after).toHaveLength(3000);
    expect(after.find((artifact) => artifact.id === stray.id)).toBeUndefined();
  });
});
