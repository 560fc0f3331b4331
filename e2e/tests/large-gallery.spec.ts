import { expect, type Locator, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

// Tracing snapshots the whole page at every step; with thousands of elements that is most of the run's time
// and shows up in the page's own long tasks, so this spec measures without it.
test.use({ trace: "off" });

const MESSAGES = 50;
const BLOCKS_PER_MESSAGE = 100;
const TOTAL = MESSAGES * BLOCKS_PER_MESSAGE;

const KINDS = [
  { lang: "ts", ext: "ts", code: (n: number) => `export function value${n}(): number {\n  return ${n};\n}` },
  { lang: "python", ext: "py", code: (n: number) => `def value_${n}():\n    return ${n}` },
  { lang: "css", ext: "css", code: (n: number) => `.item-${n} {\n  margin: ${n % 40}px;\n}` },
  { lang: "sql", ext: "sql", code: (n: number) => `SELECT ${n} AS value;` },
];

/** One imported answer holding blocks `from`…`from + BLOCKS_PER_MESSAGE - 1`, titled snippet-0001.ts and so on. */
function answer(from: number): string {
  const parts: string[] = [];
  for (let n = from; n < from + BLOCKS_PER_MESSAGE; n++) {
    const kind = KINDS[n % KINDS.length] as (typeof KINDS)[number];
    const name = `snippet-${String(n).padStart(4, "0")}.${kind.ext}`;
    parts.push(`Number ${n}:\n\n${fence}${kind.lang} title="${name}"\n${kind.code(n)}\n${fence}`);
  }
  return parts.join("\n\n");
}

/**
 * Scrolls the feed a step at a time, to its end or down by `fraction` of it, until the card titled `title` is drawn
 * or `steps` steps are done. Each step waits for animation frames, not a fixed time: by the second the virtualizer
 * has drawn what came into view; a step to the end waits on (up to about ten seconds of frames) until the feed grows,
 * as it does when an older page lands.
 */
function scrollFeed(scroller: Locator, how: { steps: number; fraction?: number; title?: string }) {
  return scroller.evaluate(async (element, { steps, fraction, title }) => {
    const drawn = () =>
      [...element.querySelectorAll("article h3")].some((heading) => heading.textContent === title);
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let step = 0; step < steps && !drawn(); step++) {
      const height = element.scrollHeight;
      if (fraction === undefined) element.scrollTo(0, height);
      else element.scrollBy(0, height * fraction);
      await frame();
      await frame();
      const waiting = () => fraction === undefined && !drawn() && element.scrollHeight === height;
      for (let wait = 0; wait < 600 && waiting(); wait++) await frame();
    }
  }, how);
}

test("a gallery of 5,000 artifacts loads, scrolls and searches while drawing only the cards in view", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const path = await openSession(page);
  // Written with no tab of the session open, which would draw each answer as it comes.
  await page.goto("about:blank");
  for (let m = 0; m < MESSAGES; m++) {
    // The page's own request context: it carries the workspace's cookie.
    const response = await page.request.post(`/api/${path.replace(/^\/s\//, "sessions/")}/messages`, {
      data: { role: "assistant", content: answer(m * BLOCKS_PER_MESSAGE + 1) },
    });
    expect(response.status()).toBe(201);
  }

  const listings: string[] = [];
  page.on("request", (request) => {
    if (/\/artifacts\?/.test(request.url())) listings.push(new URL(request.url()).search);
  });
  const loadStarted = Date.now();
  await page.goto(path);
  // Role queries over the whole page are slow in Playwright itself with thousands of chat elements, so the
  // gallery is found once by CSS and searched by role inside.
  const gallery = page.locator('section[aria-label="Artifacts"]');
  await expect(gallery.getByRole("heading", { name: `Artifacts (${TOTAL})` })).toBeVisible();
  const feed = gallery.locator('[role="feed"][aria-label="Artifact cards"]');
  await expect(feed.getByRole("article").first()).toBeVisible();
  const loadMs = Date.now() - loadStarted;

  // Watch the main thread from here on: every task over 50 ms is recorded.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { longTasks: number[] }).longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });

  // Only a screenful of cards exists in the page, each knowing its place in the whole feed.
  const drawn = await feed.getByRole("article").count();
  expect(drawn).toBeGreaterThan(0);
  expect(drawn).toBeLessThan(30);
  await expect(feed.getByRole("article").first()).toHaveAttribute("aria-setsize", String(TOTAL));

  // Newest first, the feed holds a page (read over REST as the page loads) and reads older pages as it scrolls
  // (over the socket): the end is the oldest.
  expect(listings).toEqual(["?order=newest&limit=100"]);
  const scroller = feed.locator("xpath=..");
  expect(await page.evaluate(() => document.querySelectorAll("article").length)).toBeLessThan(30);
  // A step for each older page (50 of them), each a round trip over the socket, and for the cards measured.
  await scrollFeed(scroller, { steps: 200, title: "snippet-0001.py" });
  await expect(feed.getByRole("article", { name: "snippet-0001.py" })).toBeVisible();
  await scroller.evaluate((element) => element.scrollTo(0, 0));

  // Sorted by title, the server lists them a page at a time as the feed scrolls (the browser never reads them
  // all to sort them itself): the last card is the last snippet, and scrolling all the way down reaches it.
  await gallery.getByRole("combobox", { name: "Sort" }).selectOption("title");
  await expect(feed.getByRole("article").first()).toHaveAccessibleName("snippet-0001.py");
  expect(listings.filter((search) => search.includes("order=title"))).toEqual(["?order=title&limit=100"]);
  const last = feed.getByRole("article", { name: "snippet-5000.ts" });
  // A step for each page of the title order, as for the newest first above.
  await scrollFeed(scroller, { steps: 200, title: "snippet-5000.ts" });
  await expect(last).toBeVisible();
  expect(await feed.getByRole("article").count()).toBeLessThan(30);
  // What is in view gets highlighted.
  await expect(last.locator("[data-highlighted] .shiki")).toBeVisible();

  // Search narrows 5,000 to one; filters combine with it.
  await gallery.getByRole("searchbox", { name: "Search artifacts" }).fill("snippet-4321");
  await expect(feed.getByRole("article")).toHaveCount(1);
  await expect(feed.getByRole("article")).toHaveAccessibleName("snippet-4321.py");
  await gallery.getByRole("searchbox", { name: "Search artifacts" }).fill("");
  await scroller.evaluate((element) => element.scrollTo(0, 0));
  await gallery.getByRole("combobox", { name: "Type" }).selectOption("sql");
  await expect(feed.getByRole("article").first()).toHaveAccessibleName("snippet-0003.sql");
  expect(listings).toContain("?type=sql&order=title&limit=100");

  // The message box still answers at once.
  const box = page.locator('textarea[aria-label="Message"]');
  await box.fill("still responsive");
  await expect(box).toHaveValue("still responsive");

  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  test.info().annotations.push(
    { type: "load to first card (ms)", description: String(loadMs) },
    {
      type: "long tasks while sorting, scrolling, searching",
      description: JSON.stringify(longTasks.map(Math.round)),
    },
  );
  console.log(
    `5,000 artifacts: first card after ${loadMs} ms; long tasks (ms): ${longTasks.map(Math.round).join(", ") || "none"}`,
  );
});
