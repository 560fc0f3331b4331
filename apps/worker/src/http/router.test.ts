import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, newSession, postJson } from "../../test/client.js";
import { newId } from "../ids.js";

describe("the API router", () => {
  it("answers health checks", async () => {
    const response = await api("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it("creates sessions with unguessable, URL-safe ids (128 random bits)", async () => {
    const response = await api("/api/sessions", { method: "POST" });
    expect(response.status).toBe(201);
    const { sessionId } = (await response.json()) as { sessionId: string };
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const others = await Promise.all(Array.from({ length: 20 }, () => newSession()));
    expect(new Set([sessionId, ...others]).size).toBe(21);
  });

  it("answers unknown routes, wrong methods and malformed session ids with JSON errors", async () => {
    const cases: [string, RequestInit | undefined, number, string][] = [
      ["/api/nope", undefined, 404, "not_found"],
      ["/api/health", { method: "POST" }, 405, "invalid_message"],
      ["/api/sessions", { method: "PUT" }, 405, "invalid_message"],
      ["/api/sessions/short/messages", undefined, 404, "not_found"],
      ["/api/sessions/AAAAAAAAAAAAAAAAAAAA%2F/messages", undefined, 404, "not_found"],
      ["/api/sessions/AAAAAAAAAAAAAAAAAAAAAA/artifacts/%", undefined, 400, "invalid_message"],
      ["/api/sessions/AAAAAAAAAAAAAAAAAAAAAA/artifacts/%E0%A4%A", undefined, 400, "invalid_message"],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await api(path, init);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json(), path).toMatchObject({ error: { code } });
    }
  });

  it("serves only sessions it issued: a well-formed id nobody was given answers 404 and stores nothing", async () => {
    const madeUp = newId();
    const attempts = [
      await api(`/api/sessions/${madeUp}/messages`),
      await api(`/api/sessions/${madeUp}/artifacts`),
      await api(`/api/sessions/${madeUp}/artifacts/some-id`),
      await postJson(`/api/sessions/${madeUp}/messages`, { role: "assistant", content: "x" }),
      await api(`/api/sessions/${madeUp}/ws`, { headers: { upgrade: "websocket" } }),
    ];
    for (const response of attempts) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const tables = await runInDurableObject(env.SESSION.getByName(madeUp), (_session, state) =>
      state.storage.sql.exec("SELECT name FROM sqlite_master").toArray(),
    );
    expect(tables).toEqual([]);
  });

  it("limits session creation per client address", async () => {
    const create = (address: string) =>
      api("/api/sessions", { method: "POST", headers: { "cf-connecting-ip": address } });
    // wrangler.jsonc allows 100 a minute per address.
    const statuses = await Promise.all(Array.from({ length: 110 }, () => create("192.0.2.7")));
    const refused = statuses.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(10);
    expect(await refused[0]?.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect(refused[0]?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await create("192.0.2.8")).status).toBe(201);
  });

  it("refuses a plain GET on the WebSocket route with 426", async () => {
    const sessionId = await newSession();
    const response = await api(`/api/sessions/${sessionId}/ws`);
    expect(response.status).toBe(426);
    expect(await response.json()).toMatchObject({ error: { code: "invalid_message" } });
  });

  it("serves the web app for any other path (single-page app fallback)", async () => {
    const response = await api("/s/some-session");
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<!DOCTYPE html>");
  });
});
