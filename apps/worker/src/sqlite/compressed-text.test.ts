import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Artifact, ArtifactVersion } from "@folio/protocol";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer } from "../../test/workspace-helpers.js";
import { COMPRESS_MIN_CHARS, compressText, decompressText } from "./compressed-text.js";

declare global {
  /** Vite's, which vitest expands when it loads this file. */
  interface ImportMeta {
    glob<T>(pattern: string, options: { query: string; import: string; eager: true }): Record<string, T>;
  }
}

const fence = "````";
/** A realistic corpus: this Worker's own source files, as a model might write them. */
const corpus = Object.entries(
  import.meta.glob<string>("../**/*.ts", { query: "?raw", import: "default", eager: true }),
)
  .filter(([, text]) => text.length >= COMPRESS_MIN_CHARS && !text.includes(fence))
  .slice(0, 24);

describe("compressed text", () => {
  it.each([
    ["ASCII code", "export const x = 1;\n".repeat(400)],
    ["text that is not ASCII, with a byte-order mark", `\uFEFF${"héllo wörld 你好 🎉\n".repeat(300)}`],
  ])("round-trips %s exactly", (_, text) => {
    const packed = compressText(text);
    expect(packed).not.toBeNull();
    expect(decompressText(packed as Uint8Array)).toBe(text);
  });

  it("is not used for text under 4 KiB", () => {
    expect(compressText("export const x = 1;\n".repeat(200))).toBeNull();
  });

  it("stores large earlier versions deflated, read back, restored, searched and exported byte for byte", async () => {
    expect(corpus.length).toBeGreaterThan(5);
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    const answer = corpus
      .map(([path, text]) => `${fence}ts ${path.split("/").pop()}\n${text}${fence}`)
      .join("\n\n");
    const { artifacts } = (await importAnswer(token, sessionId, answer)) as { artifacts: Artifact[] };
    for (const artifact of artifacts) {
      const edited = await call(token, "PATCH", `/api/sessions/${sessionId}/artifacts/${artifact.id}`, {
        content: `// edited\n${artifact.content}`,
      });
      expect(edited.status).toBe(200);
    }

    const stored = await runInDurableObject(env.SESSION.getByName(sessionId), (_, state) =>
      state.storage.sql
        .exec<{ plain: number; packed: number; stored: number }>(
          `SELECT COUNT(content_z) AS packed, SUM(length(CAST(content AS BLOB)) + COALESCE(length(content_z), 0)) AS stored,
             COUNT(*) AS plain FROM artifact_versions`,
        )
        .one(),
    );
    const plainBytes = corpus.reduce((sum, [, text]) => sum + new TextEncoder().encode(text).length, 0);
    expect(stored.packed).toBe(corpus.length);
    expect(stored.stored).toBeLessThan(plainBytes / 2);
    console.log(
      `compression: ${corpus.length} earlier versions of ${plainBytes} bytes stored in ${stored.stored} (${(
        (100 * (plainBytes - stored.stored)) / plainBytes
      ).toFixed(0)}% saved)`,
    );

    const [first] = artifacts as [Artifact];
    const version = (await (
      await apiAs(token, `/api/sessions/${sessionId}/artifacts/${first.id}/versions/1`)
    ).json()) as {
      version: ArtifactVersion;
    };
    expect(version.version.content).toBe(first.content);
    const restored = await call(
      token,
      "POST",
      `/api/sessions/${sessionId}/artifacts/${first.id}/versions/1/restore`,
    );
    expect(((await restored.json()) as { artifact: Artifact }).artifact.content).toBe(first.content);
    // Search reads current versions, which stay plain.
    const found = await apiAs(token, `/api/sessions/${sessionId}/artifacts?q=edited`);
    expect(((await found.json()) as { results: unknown[] }).results.length).toBeGreaterThanOrEqual(
      corpus.length - 1,
    );
  });
});
