import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { openSession } from "./helpers";

/** The budget of the JavaScript a session's page needs before it is usable, gzipped. */
const SESSION_FIRST_JS_BUDGET = 200 * 1024;
const worker = join(import.meta.dirname, "../../apps/worker");

function gzipped(bytes: Uint8Array): number {
  return gzipSync(bytes).byteLength;
}

test("a session's page is usable after at most 200 KB of JavaScript, gzipped", async ({ browser, page }) => {
  const path = await openSession(page);
  // A fresh browser context with the same credential: nothing cached, as on a first visit by link.
  const context = await browser.newContext({ storageState: await page.context().storageState() });
  const visit = await context.newPage();
  const scripts = new Map<string, Promise<number>>();
  visit.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.set(
      response.url(),
      response.body().then((body) => gzipped(body)),
    );
  });
  await visit.goto(path);
  await expect(visit.getByRole("textbox", { name: "Message" })).toBeEditable();
  await expect(visit.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
  // What had arrived when the page became usable is its first JavaScript; what loads later (the markdown
  // renderer, shiki, the editor) is not.
  const first = [...scripts.entries()];
  const sizes = await Promise.all(
    first.map(async ([url, size]) => ({ url: new URL(url).pathname, bytes: await size })),
  );
  const total = sizes.reduce((sum, { bytes }) => sum + bytes, 0);
  console.log(
    `first JavaScript of /s/:sessionId: ${(total / 1024).toFixed(1)} KB gzip in ${sizes.length} files (budget ${SESSION_FIRST_JS_BUDGET / 1024} KB)`,
  );
  expect(sizes.length).toBeGreaterThan(0);
  expect(total, JSON.stringify(sizes, null, 1)).toBeLessThanOrEqual(SESSION_FIRST_JS_BUDGET);
  await context.close();
});

test("the Worker bundle stays within its recorded budget", () => {
  // The bundle the Worker's build made (`wrangler deploy --dry-run`), which turbo runs before this suite.
  const bundle = join(worker, "dist/index.js");
  expect(existsSync(bundle), `no ${bundle}: pnpm exec turbo run build --filter=@folio/worker`).toBe(true);
  const { gzipBytes: budget } = JSON.parse(readFileSync(join(worker, "bundle-budget.json"), "utf8")) as {
    gzipBytes: number;
  };
  const size = gzipped(readFileSync(bundle));
  console.log(`Worker bundle: ${(size / 1024).toFixed(1)} KB gzip (budget ${(budget / 1024).toFixed(1)} KB)`);
  expect(size).toBeLessThanOrEqual(budget);
});
