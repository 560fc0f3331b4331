import { describe, expect, it } from "vitest";
import { apiAs, newSession, newWorkspace } from "../../test/client.js";
import { importAnswer, settled } from "../../test/workspace-helpers.js";

const fence = "```";

/** A POST as JSON (or as the bytes given) under an Idempotency-Key. */
function post(token: string, path: string, key: string, body?: unknown, type = "application/json") {
  const headers: Record<string, string> = { "idempotency-key": key };
  if (body !== undefined) headers["content-type"] = type;
  const sent = body === undefined || body instanceof Uint8Array ? body : JSON.stringify(body);
  return apiAs(token, path, { method: "POST", headers, body: sent });
}

async function listed(token: string, path: string, key: string): Promise<number> {
  const answer = (await (await apiAs(token, path)).json()) as Record<string, unknown[]>;
  return answer[key]?.length ?? 0;
}

interface Case {
  name: string;
  path: string;
  body: (sessionId: string, artifactId: string) => unknown;
  /** Another request, for the same key to be refused with. */
  other: (sessionId: string, artifactId: string) => unknown;
  count: (token: string) => Promise<number>;
}

const cases: Case[] = [
  {
    name: "a session",
    path: "/api/sessions",
    body: () => undefined,
    other: () => undefined,
    count: (token) => listed(token, "/api/sessions", "sessions"),
  },
  {
    name: "an API token (its secret answered again)",
    path: "/api/tokens",
    body: () => ({ name: "ci" }),
    other: () => ({ name: "deploy" }),
    count: (token) => listed(token, "/api/tokens", "tokens"),
  },
  {
    name: "a share link (its link answered again)",
    path: "/api/shares",
    body: (sessionId, artifactId) => ({ kind: "artifact", sessionId, artifactId }),
    other: (sessionId) => ({ kind: "session", sessionId }),
    count: (token) => listed(token, "/api/shares", "shares"),
  },
  {
    name: "a collection",
    path: "/api/collections",
    body: () => ({ name: "Landing" }),
    other: () => ({ name: "Other" }),
    count: (token) => listed(token, "/api/collections", "collections"),
  },
];

describe("POSTs that create honour an Idempotency-Key", () => {
  it.each(cases)("makes $name once for a key sent twice, answering the first result again", async (made) => {
    const { token } = await newWorkspace();
    const sessionId = await newSession(token);
    const [artifact] = (await importAnswer(token, sessionId, `${fence}js\nshare();\n${fence}\n`)).artifacts;
    await settled(sessionId);
    const before = await made.count(token);
    const key = crypto.randomUUID();
    const first = await post(token, made.path, key, made.body(sessionId, artifact?.id ?? ""));
    const again = await post(token, made.path, key, made.body(sessionId, artifact?.id ?? ""));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(await again.json()).toEqual(await first.json());
    expect(await made.count(token)).toBe(before + 1);
    // Another request under the same key is refused, and makes nothing.
    const other = made.other(sessionId, artifact?.id ?? "");
    if (other !== undefined) {
      const reused = await post(token, made.path, key, other);
      expect(reused.status).toBe(409);
      expect(await made.count(token)).toBe(before + 1);
    }
    // A new key is a new request.
    expect(
      (await post(token, made.path, crypto.randomUUID(), made.body(sessionId, artifact?.id ?? ""))).status,
    ).not.toBe(400);
  });

  it("makes one token when the same key is sent twice at once", async () => {
    const { token } = await newWorkspace();
    const key = crypto.randomUUID();
    const answers = await Promise.all([
      post(token, "/api/tokens", key, { name: "raced" }),
      post(token, "/api/tokens", key, { name: "raced" }),
    ]);
    // The second is either told the first is under way, or, arriving after it ended, answered its result.
    const made = answers.filter((answer) => answer.status === 201);
    expect(made.length + answers.filter((answer) => answer.status === 409).length).toBe(2);
    const bodies = await Promise.all(made.map((answer) => answer.json()));
    expect(bodies.length).toBeGreaterThan(0);
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(await listed(token, "/api/tokens", "tokens")).toBe(1);
  });

  it("answers an import retried under its key with the first summary, adding nothing", async () => {
    const { token } = await newWorkspace();
    const transcript = new TextEncoder().encode(
      `## User\n\nA page?\n\n## Assistant\n\n${fence}html\n<p>hi</p>\n${fence}\n`,
    );
    const key = crypto.randomUUID();
    const first = await post(token, "/api/import?format=markdown", key, transcript, "text/markdown");
    const again = await post(token, "/api/import?format=markdown", key, transcript, "text/markdown");
    expect([first.status, again.status]).toEqual([200, 200]);
    const summary = await first.json();
    expect(summary).toMatchObject({ sessions: [{ status: "added" }] });
    expect(await again.json()).toEqual(summary);
    expect(await listed(token, "/api/sessions", "sessions")).toBe(1);
  });

  it("refuses a malformed key, making nothing", async () => {
    const { token } = await newWorkspace();
    const answer = await post(token, "/api/collections", "two words", { name: "Nope" });
    expect(answer.status).toBe(400);
    expect(await listed(token, "/api/collections", "collections")).toBe(0);
  });
});
