/**
 * Property-based fuzzing of every REST body against the real Worker and objects: whatever a client sends to a
 * route that reads a body (a body with any field wrong, missing or extra, any JSON, any text, any bytes, any
 * content type), the answer is a success or a typed error (`ErrorResponse`, never a 5xx), and an error changed
 * nothing in the session's or the workspace's database.
 */
import { env } from "cloudflare:workers";
import { ErrorResponse } from "@folio/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiAs, call, newSession, newWorkspace } from "../../test/client.js";
import { mutated } from "../../test/fuzz-inputs.js";
import { storeDigest } from "../../test/store-digest.js";
import { settled } from "../../test/workspace-helpers.js";

const fence = "```";

interface Body {
  contentType: string | null;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
const asJson = (value: unknown): Body => ({
  contentType: "application/json",
  bytes: encoder.encode(JSON.stringify(value) ?? "null"),
});

/** Any body a route could be sent: its valid body mutated, any JSON, any text, any bytes, under any type. */
function anyBody(valid: Record<string, unknown>) {
  return fc.oneof(
    { weight: 6, arbitrary: mutated(valid).map(asJson) },
    {
      weight: 1,
      arbitrary: fc
        .json({ maxDepth: 3 })
        .map((text) => ({ contentType: "application/json", bytes: encoder.encode(text) })),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        contentType: fc.constantFrom(
          null,
          "text/plain",
          "application/json; charset=utf-8",
          "multipart/form-data",
          "application/x-www-form-urlencoded",
        ),
        bytes: fc.uint8Array({ maxLength: 300 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { contentType: "application/json", bytes: new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) },
        { contentType: "application/json", bytes: encoder.encode(`${"[".repeat(5000)}${"]".repeat(5000)}`) },
        { contentType: "application/json", bytes: encoder.encode('{"__proto__":{"admin":true}}') },
        { contentType: "application/json", bytes: new Uint8Array(0) },
      ),
    },
  );
}

interface Target {
  method: string;
  path: string;
  valid: Record<string, unknown>;
}

describe("fuzzing every REST body", () => {
  it("answers any body with success or a typed error, and an error changes nothing", async () => {
    const { token, workspaceId } = await newWorkspace();
    const sessionId = await newSession(token);
    const other = await newSession(token);
    const imported = await call(token, "POST", `/api/sessions/${sessionId}/messages`, {
      role: "assistant",
      content: `${fence}js title="fuzz.js"\nconsole.log(1);\n${fence}\n`,
    });
    const { artifacts } = (await imported.json()) as { artifacts: { id: string }[] };
    const artifactId = artifacts[0]?.id as string;
    await settled(sessionId);
    const collection = (await (await call(token, "POST", "/api/collections", { name: "Fuzzed" })).json()) as {
      collection: { id: string };
    };
    const share = (await (
      await call(token, "POST", "/api/shares", { kind: "artifact", sessionId, artifactId })
    ).json()) as { share: { url: string } };
    const shareToken = new URL(share.share.url).pathname.replace(/^\/share\//, "");

    const targets: Target[] = [
      {
        method: "POST",
        path: `/api/sessions/${sessionId}/messages`,
        valid: { role: "assistant", content: `${fence}py\nprint(1)\n${fence}` },
      },
      {
        method: "PATCH",
        path: `/api/sessions/${sessionId}/artifacts/${artifactId}`,
        valid: { title: "t.js", content: "x", language: "js", metadata: {} },
      },
      { method: "PATCH", path: `/api/sessions/${sessionId}`, valid: { title: "A title" } },
      { method: "POST", path: "/api/collections", valid: { name: "New", description: "d" } },
      {
        method: "PATCH",
        path: `/api/collections/${collection.collection.id}`,
        valid: { name: "Renamed", description: "d" },
      },
      { method: "POST", path: "/api/shares", valid: { kind: "artifact", sessionId, artifactId, version: 1 } },
      { method: "POST", path: `/api/share/${shareToken}/copy`, valid: { sessionId: other } },
      { method: "POST", path: "/api/usage", valid: { events: [{ sessionId, artifactId, kind: "copy" }] } },
      { method: "PUT", path: "/api/settings", valid: { retentionDays: 30 } },
      { method: "POST", path: "/api/tokens", valid: { name: "ci" } },
      { method: "POST", path: "/api/import?format=markdown", valid: { content: "# t" } },
    ];
    const stores = [
      env.SESSION.getByName(sessionId),
      env.SESSION.getByName(other),
      env.WORKSPACE.getByName(workspaceId),
    ];
    const digest = async () => (await Promise.all(stores.map((stub) => storeDigest(stub)))).join("\n");

    let cases = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(...targets.map((target) => anyBody(target.valid).map((body) => ({ target, body })))),
        async ({ target, body }) => {
          cases++;
          const before = await digest();
          let response: Response;
          for (;;) {
            response = await apiAs(token, target.path, {
              method: target.method,
              headers: body.contentType === null ? {} : { "content-type": body.contentType },
              body: body.bytes,
            });
            // The session's REST budget is a typed answer too, but says nothing of the body: wait, then retry.
            if (response.status !== 429) break;
            await new Promise((resolve) =>
              setTimeout(resolve, Number(response.headers.get("retry-after")) * 1000),
            );
          }
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status).toBeLessThan(500);
          const text = await response.text();
          if (response.status >= 400) {
            expect(ErrorResponse.safeParse(JSON.parse(text)).success).toBe(true);
            expect(await digest()).toBe(before);
          } else {
            // A change made: let the workspace hear of it before the next case compares, from these sessions
            // and from any the answer names (a copy into a new session, an import).
            const named = text === "" ? [] : sessionIdsIn(JSON.parse(text));
            await Promise.all([sessionId, other, ...named].map((id) => settled(id)));
          }
        },
      ),
      { numRuns: 500 },
    );
    console.log(
      `fuzzed ${cases} REST bodies over ${targets.length} routes: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${count}× ${status}`)
        .join(", ")}`,
    );
    expect(cases).toBeGreaterThanOrEqual(500);
  }, 120_000);
});

/** Every `sessionId` an answer names, at any depth. */
function sessionIdsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(sessionIdsIn);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === "sessionId" && typeof inner === "string" ? [inner] : sessionIdsIn(inner),
  );
}
