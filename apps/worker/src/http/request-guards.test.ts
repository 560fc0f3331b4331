import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, authorization, connect, newSession, ORIGIN } from "../../test/client.js";
import worker from "../index.js";

const EVIL = "https://evil.example";

async function messageCount(sessionId: string): Promise<number> {
  const listed = (await (await api(`/api/sessions/${sessionId}/messages`)).json()) as { messages: unknown[] };
  return listed.messages.length;
}

describe("cross-site pages cannot use a visitor's browser against the API", () => {
  it("refuses a WebSocket upgrade from another site's page, and accepts the app's own and scriptless clients", async () => {
    const sessionId = await newSession();
    const upgrade = (origin?: string) =>
      api(`/api/sessions/${sessionId}/ws`, {
        headers: { upgrade: "websocket", ...(origin === undefined ? {} : { origin }) },
      });
    const attack = await upgrade(EVIL);
    expect(attack.status).toBe(403);
    expect(attack.webSocket).toBeNull();
    expect(await attack.json()).toMatchObject({ error: { code: "forbidden" } });
    // A sandboxed frame (or any opaque origin) says "null": not the app either.
    expect((await upgrade("null")).status).toBe(403);

    for (const allowed of [ORIGIN, undefined]) {
      const response = await upgrade(allowed);
      expect(response.status).toBe(101);
      response.webSocket?.accept();
      response.webSocket?.close(1000, "done");
    }
  });

  it("stores nothing from a cross-site no-cors text/plain POST, or from any body not sent as JSON", async () => {
    const sessionId = await newSession();
    const body = JSON.stringify({ role: "assistant", content: "planted" });
    // What <form enctype="text/plain"> or fetch(…, { mode: "no-cors" }) on another site sends.
    const crossSite = await api(`/api/sessions/${sessionId}/messages`, {
      method: "POST",
      headers: { origin: EVIL, "content-type": "text/plain" },
      body,
    });
    expect(crossSite.status).toBe(403);
    // Even same-origin (or scriptless), a JSON body must say it is JSON.
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      const response = await api(`/api/sessions/${sessionId}/messages`, {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
      expect(response.status, type).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_message" } });
    }
    expect(await messageCount(sessionId)).toBe(0);
  });

  it("refuses cross-site deletes and edits, and allows origins listed in ALLOWED_ORIGINS", async () => {
    const sessionId = await newSession();
    const credential = await authorization();
    const send = (origin: string, allowed?: string) =>
      worker.fetch(
        new Request(`${ORIGIN}/api/sessions/${sessionId}/messages`, {
          method: "POST",
          headers: { origin, "content-type": "application/json", ...credential },
          body: JSON.stringify({ role: "assistant", content: "hi" }),
        }),
        { ...env, ...(allowed === undefined ? {} : { ALLOWED_ORIGINS: allowed }) },
      );
    expect((await send("https://tools.example")).status).toBe(403);
    expect((await send("https://tools.example", "https://other.example, https://tools.example")).status).toBe(
      201,
    );
    expect((await send(ORIGIN)).status).toBe(201);
    expect(await messageCount(sessionId)).toBe(2);

    const deleted = await api(`/api/sessions/${sessionId}/artifacts/whatever`, {
      method: "DELETE",
      headers: { origin: EVIL },
    });
    expect(deleted.status).toBe(403);
  });

  it("lets other sites read nothing: GETs carry no CORS grant", async () => {
    const sessionId = await newSession();
    const response = await api(`/api/sessions/${sessionId}/messages`, { headers: { origin: EVIL } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("the Worker answers only for its own hosts (DNS rebinding)", () => {
  it("refuses any other Host, for the API and the app alike", async () => {
    for (const path of ["/api/health", "/", "/s/abc"]) {
      const response = await worker.fetch(new Request(`http://rebound.example:8787${path}`), env);
      expect(response.status, path).toBe(421);
    }
  });

  it("answers the loopback names when ALLOWED_HOSTS is unset", async () => {
    const local = { ...env, ALLOWED_HOSTS: undefined };
    for (const host of ["127.0.0.1:8787", "localhost:8787", "[::1]:8787"]) {
      const response = await worker.fetch(new Request(`http://${host}/api/health`), local);
      expect(response.status, host).toBe(200);
    }
    expect((await worker.fetch(new Request("http://127.0.0.2:8787/api/health"), local)).status).toBe(421);
  });
});

describe("API answers carry headers that keep them data", () => {
  it("on JSON, errors and 204s alike", async () => {
    const sessionId = await newSession();
    const responses = [
      await api("/api/health"),
      await api(`/api/sessions/${sessionId}/messages`),
      await api("/api/nope"),
    ];
    for (const response of responses) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });
});

describe("bodies that cannot be stored as sent are refused, not repaired", () => {
  it("refuses a body that is not valid UTF-8, and a lone surrogate spelled in JSON", async () => {
    const sessionId = await newSession();
    const invalid = new Uint8Array([
      ...new TextEncoder().encode('{"role":"assistant","content":"a'),
      0xff,
      0x22,
      0x7d,
    ]);
    const surrogate = '{"role":"assistant","content":"\\ud800 alone"}';
    for (const body of [invalid, surrogate]) {
      const response = await api(`/api/sessions/${sessionId}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_message" } });
    }
    expect(await messageCount(sessionId)).toBe(0);
    const socket = await connect(sessionId);
    socket.send('{"type":"chat","content":"\\udfff","requestId":"s"}');
    expect(await socket.next("error")).toMatchObject({ code: "invalid_message", requestId: "s" });
    socket.close();
    expect(await messageCount(sessionId)).toBe(0);
  });
});
