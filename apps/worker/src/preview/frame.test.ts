import { describe, expect, it } from "vitest";
import { api, ORIGIN } from "../../test/client.js";

describe("the preview frame", () => {
  it("carries the no-network policy as an HTTP header, where no artifact can reach it", async () => {
    const response = await api("/preview/frame");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy.split("; ")).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        `script-src 'unsafe-inline' ${ORIGIN}/preview/`,
        "form-action 'none'",
        "base-uri 'none'",
        "frame-ancestors 'self'",
      ]),
    );
    // The document itself holds no artifact: only the bootstrap that receives one.
    expect(await response.text()).toBe(
      `<!doctype html><html><head><meta charset="utf-8"><script src="${ORIGIN}/preview/frame.js"></script></head><body></body></html>`,
    );
  });

  it("serves the bootstrap that writes the page it is handed, and only from its parent", async () => {
    const response = await api("/preview/frame.js");
    expect(response.headers.get("content-type")).toContain("text/javascript");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const script = await response.text();
    expect(script).toContain("event.source !== parent");
    expect(script).toContain("document.write(String(event.data.html))");
  });
});
