import { describe, expect, it } from "vitest";
import { api, newSession } from "../../test/client.js";

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
      ["/api/sessions", { method: "GET" }, 405, "invalid_message"],
      ["/api/sessions/short/messages", undefined, 404, "not_found"],
      ["/api/sessions/AAAAAAAAAAAAAAAAAAAA%2F/messages", undefined, 404, "not_found"],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await api(path, init);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/json");
      expect(await response.json(), path).toMatchObject({ error: { code } });
    }
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
