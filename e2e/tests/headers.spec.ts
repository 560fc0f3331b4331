/** The headers the app, its files, its previews and its API are served with, as script/start serves them. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type APIResponse, expect, test } from "@playwright/test";

function expectSecurityHeaders(response: APIResponse) {
  const headers = response.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
}

test("pages: a strict CSP with the inline scripts by hash, no framing, a Permissions-Policy, revalidated", async ({
  request,
}) => {
  for (const path of ["/", "/s/AAAAAAAAAAAAAAAAAAAAAA", "/s/AAAAAAAAAAAAAAAAAAAAAA/a/some-artifact"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expectSecurityHeaders(response);
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(csp).not.toContain("'unsafe-inline' 'sha256");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("frame-src 'self'");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["cache-control"]).toBe("public, max-age=0, must-revalidate");
  }
});

test("hashed assets are cached for a year, immutable", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const asset = /\/assets\/[\w.-]+\.js/.exec(html)?.[0];
  if (!asset) throw new Error("no asset in index.html");
  const response = await request.get(asset);
  expect(response.status()).toBe(200);
  expectSecurityHeaders(response);
  expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
});

test("the API: data that nothing may frame, sniff or store", async ({ request }) => {
  for (const response of [await request.get("/api/health"), await request.get("/api/nope")]) {
    expectSecurityHeaders(response);
    expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(response.headers()["cache-control"]).toBe("no-store");
  }
});

test("the preview frame: its network block is an HTTP header, and only the app may frame it", async ({
  request,
  baseURL,
}) => {
  const response = await request.get("/preview/frame");
  expectSecurityHeaders(response);
  const csp = response.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain(`script-src 'unsafe-inline' ${baseURL}/preview/`);
  expect(csp).toContain("frame-ancestors 'self'");
  expect(csp).not.toMatch(/connect-src|\*/);
});

test("the app cannot be framed by another site (clickjacking)", async ({ page, baseURL }) => {
  // Another site on loopback frames the app. (A data: URL or a public page would be stopped before any request by
  // Chromium's local network checks, and never meet the app's headers.)
  const site = createServer((_, response) => {
    response.setHeader("content-type", "text/html");
    response.end(
      `<iframe src="${baseURL}/" width=800 height=600 onload="document.body.dataset.framed = 'done'"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  try {
    const refused = page.waitForEvent("console", {
      predicate: (message) => message.text().includes(`Framing '${baseURL}/' violates`),
      timeout: 10_000,
    });
    await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
    // The browser names the app's policy as the reason, and the frame, once loaded, holds nothing of the app.
    expect((await refused).text()).toContain(`"frame-ancestors 'none'"`);
    await expect(page.locator("body")).toHaveAttribute("data-framed", "done");
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    if (!frame) throw new Error("no frame");
    await expect(frame.locator("textarea, button")).toHaveCount(0);
    expect(await frame.locator("body").textContent()).not.toContain("Folio");
  } finally {
    site.close();
  }
});
