import { runInDurableObject, SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { generateKeyPair, importJWK, type JWK, SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { api, apiAs, newSession, newWorkspace, ORIGIN } from "../../test/client.js";
import worker from "../index.js";

/** Every route a credential opens, with a body where one is needed. */
const PROTECTED: [string, string][] = [
  ["GET", "/api/sessions"],
  ["POST", "/api/sessions"],
  ["GET", "/api/artifacts"],
  ["GET", "/api/tokens"],
  ["POST", "/api/tokens"],
  ["POST", "/api/device-links"],
];

describe("who may ask: the authentication matrix", () => {
  it("answers 401 unauthorized to no credential, a malformed one, a made-up one and one of the wrong shape", async () => {
    const { workspaceId } = await newWorkspace();
    const madeUp = `folio.${workspaceId}.${"A".repeat(43)}`;
    const credentials: (Record<string, string> | null)[] = [
      null,
      { authorization: "Bearer nonsense" },
      { authorization: `Bearer ${madeUp}` },
      { authorization: "Basic dXNlcjpwYXNz" },
      { cookie: "folio=" },
      { cookie: `other=${madeUp}` },
    ];
    for (const headers of credentials) {
      for (const [method, path] of PROTECTED) {
        const response = await apiAs(null, path, { method, headers: headers ?? {} });
        expect(response.status, `${method} ${path} with ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
      }
    }
  });

  it("tells a browser whose cookie opens nothing that it is signed out, which no cookie at all is not", async () => {
    const { workspaceId } = await newWorkspace();
    const madeUp = `folio.${workspaceId}.${"A".repeat(43)}`;
    for (const cookie of [`folio=${madeUp}`, "folio=garbage", `theme=dark; folio=${madeUp}`]) {
      for (const [method, path] of PROTECTED) {
        const response = await apiAs(null, path, { method, headers: { cookie } });
        expect(response.status, `${method} ${path} with ${cookie}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "signed_out" } });
      }
    }
    // A bearer token speaks for a program, not a browser: one that opens nothing is unauthorized, as before.
    const bearer = await apiAs(null, "/api/sessions", {
      headers: { authorization: `Bearer ${madeUp}`, cookie: `folio=${madeUp}` },
    });
    expect(await bearer.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("opens the workspace with its token as a bearer or as the cookie that creation set", async () => {
    const created = await apiAs(null, "/api/workspaces", { method: "POST" });
    expect(created.status).toBe(201);
    const { workspaceId, token } = (await created.json()) as { workspaceId: string; token: string };
    expect(token).toMatch(new RegExp(`^folio\\.${workspaceId}\\.[A-Za-z0-9_-]{43}$`));
    const cookie = created.headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`folio=${token}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/); // the test origin is https

    expect((await apiAs(token, "/api/sessions")).status).toBe(200);
    expect(
      (await apiAs(null, "/api/sessions", { headers: { cookie: `other=1; folio=${token}` } })).status,
    ).toBe(200);
  });

  it("keeps workspaces apart: another workspace's session answers 404, whatever the route", async () => {
    const mine = await newWorkspace();
    const theirs = await newWorkspace();
    const sessionId = await newSession(mine.token);
    const posted = await apiAs(mine.token, `/api/sessions/${sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "assistant", content: "```js\nlet secret = 1;\n```\n" }),
    });
    const { artifacts } = (await posted.json()) as { artifacts: { id: string }[] };
    const artifactId = artifacts[0]?.id as string;
    const attempts: [string, string, unknown?][] = [
      ["GET", `/api/sessions/${sessionId}`],
      ["PATCH", `/api/sessions/${sessionId}`, { title: "mine now" }],
      ["DELETE", `/api/sessions/${sessionId}`],
      ["GET", `/api/sessions/${sessionId}/messages`],
      ["POST", `/api/sessions/${sessionId}/messages`, { role: "assistant", content: "x" }],
      ["GET", `/api/sessions/${sessionId}/artifacts`],
      ["GET", `/api/sessions/${sessionId}/artifacts/${artifactId}`],
      ["PATCH", `/api/sessions/${sessionId}/artifacts/${artifactId}`, { title: "stolen" }],
      ["DELETE", `/api/sessions/${sessionId}/artifacts/${artifactId}`],
    ];
    for (const [method, path, body] of attempts) {
      const response = await apiAs(theirs.token, path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
    }
    const socket = await apiAs(theirs.token, `/api/sessions/${sessionId}/ws`, {
      headers: { upgrade: "websocket" },
    });
    expect(socket.status).toBe(404);
    // Nothing of it shows in their workspace, and nothing changed in mine.
    const listed = (await (await apiAs(theirs.token, "/api/artifacts")).json()) as { artifacts: unknown[] };
    expect(listed.artifacts).toEqual([]);
    const kept = (await (await apiAs(mine.token, `/api/sessions/${sessionId}/artifacts`)).json()) as {
      artifacts: { title: string }[];
    };
    expect(kept.artifacts.map((artifact) => artifact.title)).not.toContain("stolen");
    expect(kept.artifacts).toHaveLength(1);
  });

  it("ignores a workspace header a client sends on a socket upgrade: the Worker names the workspace", async () => {
    const mine = await newWorkspace();
    const theirs = await newWorkspace();
    const sessionId = await newSession(mine.token);
    const response = await apiAs(theirs.token, `/api/sessions/${sessionId}/ws`, {
      headers: { upgrade: "websocket", "folio-workspace": mine.workspaceId },
    });
    expect(response.status).toBe(404);
  });

  it("stops a revoked API token at once, and leaves the others working", async () => {
    const created = await api("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "ci" }),
    });
    expect(created.status).toBe(201);
    const token = (await created.json()) as { id: string; name: string; token: string; createdAt: number };
    expect(token.name).toBe("ci");
    expect((await apiAs(token.token, "/api/sessions")).status).toBe(200);

    const listed = (await (await api("/api/tokens")).json()) as { tokens: Record<string, unknown>[] };
    const entry = listed.tokens.find((candidate) => candidate.id === token.id);
    expect(entry).toMatchObject({ id: token.id, name: "ci", createdAt: token.createdAt });
    expect(typeof entry?.lastUsedAt).toBe("number");
    // The secret is shown once, at creation: no listing holds it.
    expect(JSON.stringify(listed)).not.toContain(token.token.split(".")[2]);

    expect((await api(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await apiAs(token.token, "/api/sessions")).status).toBe(401);
    expect((await api(`/api/tokens/${token.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await api("/api/sessions")).status).toBe(200);
  });

  it("refuses token names that are empty, too long or not text", async () => {
    const cases: [unknown, number][] = [
      [{}, 400],
      [{ name: "" }, 400],
      [{ name: "  " }, 400],
      [{ name: 7 }, 400],
      [{ name: "a", extra: 1 }, 400],
      [{ name: "x".repeat(101) }, 413],
    ];
    for (const [body, status] of cases) {
      const response = await api("/api/tokens", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(status);
    }
    const { tokens } = (await (await api("/api/tokens")).json()) as { tokens: unknown[] };
    expect(tokens).toEqual([]);
  });
});

describe("browsers: device links and signing out", () => {
  async function deviceLink(token: string): Promise<string> {
    const response = await apiAs(token, "/api/device-links", { method: "POST" });
    expect(response.status).toBe(201);
    const { url, expiresAt } = (await response.json()) as { url: string; expiresAt: number };
    expect(expiresAt - Date.now()).toBeGreaterThan(9 * 60 * 1000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000);
    return url;
  }

  /** Opening a link is a GET: it only shows the page that asks. */
  async function open(url: string): Promise<Response> {
    return SELF.fetch(url, { redirect: "manual" });
  }

  /** The page's button: a POST from the app's own origin, which binds the browser. */
  async function confirm(url: string, origin: string | null = ORIGIN): Promise<Response> {
    return SELF.fetch(url, {
      method: "POST",
      redirect: "manual",
      headers: origin === null ? {} : { origin },
    });
  }

  it("shows a page asking first when a link is opened, spending nothing (mail scanners and previews open links)", async () => {
    const { token } = await newWorkspace();
    const url = await deviceLink(token);
    for (let opening = 0; opening < 3; opening++) {
      const page = await open(url);
      expect(page.status).toBe(200);
      expect(page.headers.get("set-cookie")).toBeNull();
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      // Not to be framed (a click tricked through a frame would bind), nor to leak the link to another site.
      expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
      expect(page.headers.get("x-frame-options")).toBe("DENY");
      expect(page.headers.get("referrer-policy")).toBe("same-origin");
      const html = await page.text();
      expect(html).toMatch(/<form method="post">/);
      expect(html).toContain("Sign this browser in");
    }
    expect((await confirm(url)).status).toBe(303);
  });

  it("binds only from the page itself: a POST from another site, or with no Origin, is refused and spends nothing", async () => {
    const { token } = await newWorkspace();
    const url = await deviceLink(token);
    for (const origin of ["https://evil.example", "null", null]) {
      const refused = await confirm(url, origin);
      expect(refused.status, String(origin)).toBe(403);
      expect(refused.headers.get("set-cookie")).toBeNull();
    }
    expect((await confirm(url)).status).toBe(303);
  });

  const cookieOf = (response: Response) =>
    /folio=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];

  it("binds the browser that confirms a link to the workspace, once", async () => {
    const { token } = await newWorkspace();
    const url = await deviceLink(token);
    const opened = await confirm(url);
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe("/");
    const cookie = cookieOf(opened) as string;
    expect(cookie).not.toBe(token);
    expect((await apiAs(null, "/api/sessions", { headers: { cookie: `folio=${cookie}` } })).status).toBe(200);
    // Used up: a second opening gets nothing, and neither does a second confirmation.
    const again = await open(url);
    expect(again.status).toBe(410);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await confirm(url)).status).toBe(410);
  });

  it("refuses a link once its 10 minutes are over, and links it never made", async () => {
    const { token, workspaceId } = await newWorkspace();
    const url = await deviceLink(token);
    await runInDurableObject(env.WORKSPACE.getByName(workspaceId), (_, state) => {
      state.storage.sql.exec("UPDATE device_links SET expires_at = ?", Date.now() - 1);
    });
    expect((await open(url)).status).toBe(410);
    expect((await confirm(url)).status).toBe(410);
    const forged = url.replace(/\.[A-Za-z0-9_-]{43}$/, `.${"B".repeat(43)}`);
    expect((await open(forged)).status).toBe(410);
    expect((await confirm(forged)).status).toBe(410);
    expect((await open(`${ORIGIN}/api/device-links/nonsense`)).status).toBe(410);
  });

  it("lists the browsers signed in, and signing one out stops its cookie at once", async () => {
    const { token } = await newWorkspace();
    const phone = cookieOf(await confirm(await deviceLink(token))) as string;
    const asPhone = { headers: { cookie: `folio=${phone}` } };
    type Devices = {
      devices: { id: string; current: boolean; createdAt: number; lastUsedAt: number | null }[];
    };
    const mine = (await (await apiAs(token, "/api/devices")).json()) as Devices;
    expect(mine.devices).toHaveLength(2);
    expect(mine.devices.map((device) => device.current)).toEqual([true, false]);
    const theirs = (await (await apiAs(null, "/api/devices", asPhone)).json()) as Devices;
    expect(theirs.devices.map((device) => device.current)).toEqual([false, true]);

    // An API token is not a browser: it cannot be signed out here.
    const created = await apiAs(token, "/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "script" }),
    });
    const apiToken = (await created.json()) as { id: string; token: string };
    expect((await apiAs(token, `/api/devices/${apiToken.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await apiAs(apiToken.token, "/api/sessions")).status).toBe(200);

    const phoneId = mine.devices[1]?.id as string;
    expect((await apiAs(token, `/api/devices/${phoneId}`, { method: "DELETE" })).status).toBe(204);
    const signedOut = await apiAs(null, "/api/sessions", asPhone);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toMatchObject({ error: { code: "signed_out" } });
    const socket = await apiAs(null, "/api/workspace/ws", {
      headers: { ...asPhone.headers, upgrade: "websocket" },
    });
    expect(socket.status).toBe(401);
    expect(await socket.json()).toMatchObject({ error: { code: "signed_out" } });
    expect((await apiAs(token, "/api/sessions")).status).toBe(200);
    expect((await apiAs(token, `/api/devices/${phoneId}`, { method: "DELETE" })).status).toBe(404);
  });
});

describe("Cloudflare Access, when ACCESS_TEAM_DOMAIN and ACCESS_AUD are set", () => {
  const team = inject("accessTeamUrl");
  const accessEnv = { ...env, ACCESS_TEAM_DOMAIN: team, ACCESS_AUD: "folio-audience" };

  async function sign(claims: Record<string, unknown>, options: { key?: JWK; expires?: string } = {}) {
    const jwk = options.key ?? inject("accessPrivateKey");
    const key = await importJWK(jwk, "RS256");
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: jwk.kid ?? "folio-test-key" })
      .setIssuer(team)
      .setAudience((claims.aud as string | undefined) ?? "folio-audience")
      .setIssuedAt()
      .setExpirationTime(options.expires ?? "5m")
      .sign(key);
  }

  async function call(path: string, assertion?: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (assertion) headers.set("cf-access-jwt-assertion", assertion);
    const method = init.method ?? "GET";
    return worker.fetch(new Request(`${ORIGIN}${path}`, { method, headers }), accessEnv);
  }

  it("gives a verified email the same workspace on every request and device", async () => {
    const first = await sign({ email: "Ada@Example.com" });
    const created = await call("/api/sessions", first, { method: "POST" });
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };
    // Another token for the same person (another device) sees the same sessions.
    const second = await sign({ email: "ada@example.com" });
    const listed = (await (await call("/api/sessions", second)).json()) as { sessions: { id: string }[] };
    expect(listed.sessions.map((session) => session.id)).toContain(sessionId);
    // Someone else does not.
    const other = await sign({ email: "grace@example.com" });
    expect((await call(`/api/sessions/${sessionId}/messages`, other)).status).toBe(404);
  });

  it("refuses an expired token, a wrong audience, a forged signature and a token without an email", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const { exportJWK } = await import("jose");
    const forgedKey = { ...(await exportJWK(privateKey)), kid: "folio-test-key", alg: "RS256" };
    const refused = [
      await sign({ email: "ada@example.com" }, { expires: "-1m" }),
      await sign({ email: "ada@example.com", aud: "another-app" }),
      await sign({ email: "ada@example.com" }, { key: forgedKey }),
      await sign({ sub: "no-email" }),
      "not.a.jwt",
    ];
    for (const assertion of refused) {
      const response = await call("/api/sessions", assertion);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("makes no anonymous workspaces: sign-in is Access's", async () => {
    expect((await call("/api/workspaces", undefined, { method: "POST" })).status).toBe(403);
  });
});
