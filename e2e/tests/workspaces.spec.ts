import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { echo, fence, openSession } from "./helpers";

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Sessions" });
const sessionLinks = (page: Page) =>
  sidebar(page).getByRole("list", { name: "Your sessions" }).getByRole("link");

async function ask(page: Page, text: string): Promise<void> {
  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(text);
  await box.press("Enter");
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
}

/** New chat, and waits until the new session is open and connected (the old one's box is gone). */
async function newChat(page: Page): Promise<void> {
  const before = page.url();
  await page.getByRole("button", { name: "New chat", exact: true }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page.getByRole("list", { name: "Messages" }).getByRole("listitem")).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: /^Connected$/ })).toBeVisible();
}

async function freshPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

async function folioCookie(page: Page): Promise<string | undefined> {
  return (await page.context().cookies()).find((cookie) => cookie.name === "folio")?.value;
}

/** Counts the workspaces a browser's pages make from now on. */
function workspacesMade(context: BrowserContext): () => number {
  let made = 0;
  context.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/workspaces") made++;
  });
  return () => made;
}

test("the sidebar lists the workspace's sessions across reloads, and follows other tabs live", async ({
  context,
  page,
}) => {
  const first = await openSession(page);
  await ask(page, "Build a pricing page");
  await expect(sessionLinks(page).first()).toContainText("Build a pricing page");

  // `/` opens the latest session instead of making a new one.
  await page.goto("/");
  await expect(page).toHaveURL(first);
  await page.reload();
  await expect(sessionLinks(page)).toHaveCount(1);

  // New chat in a second tab shows up in the first, live; so do a rename and a delete.
  const other = await context.newPage();
  await other.goto(first);
  await newChat(other);
  await ask(other, "Draw a diagram of the login flow");
  await expect(sessionLinks(page)).toHaveCount(2);
  await expect(sessionLinks(page).first()).toContainText("Draw a diagram of the login flow");

  await other.getByRole("button", { name: "Actions for Build a pricing page" }).click();
  await other.getByRole("menuitem", { name: "Rename" }).click();
  const title = other.getByRole("textbox", { name: "Session title" });
  await title.fill("Pricing");
  await title.press("Enter");
  await expect(sessionLinks(page).filter({ hasText: "Pricing" })).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1, name: "Pricing" })).toBeVisible();

  await other.getByRole("button", { name: "Actions for Draw a diagram of the login flow" }).click();
  await other.getByRole("menuitem", { name: "Delete" }).click();
  const dialog = other.getByRole("dialog", { name: /Delete “Draw a diagram/ });
  await expect(dialog).toContainText("deleted for good");
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(sessionLinks(other)).toHaveCount(2);
  await other.getByRole("button", { name: "Actions for Draw a diagram of the login flow" }).click();
  await other.getByRole("menuitem", { name: "Delete" }).click();
  await other.getByRole("button", { name: "Delete session" }).click();
  // The tab that had it open goes to the latest remaining session.
  await expect(other).toHaveURL(first);
  await expect(sessionLinks(page)).toHaveCount(1);
  await page.reload();
  await expect(sessionLinks(page)).toHaveText([/Pricing/]);
});

test("on a phone the sessions are a drawer", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await openSession(page);
  await expect(sidebar(page)).toBeHidden();
  await page.getByRole("button", { name: "☰ Sessions" }).click();
  const drawer = page.getByRole("dialog", { name: "Sessions drawer" });
  await drawer.getByRole("button", { name: "New chat", exact: true }).click();
  await expect(drawer).toBeHidden();
  await page.getByRole("button", { name: "☰ Sessions" }).click();
  await expect(sessionLinks(page)).toHaveCount(2);
});

test("another browser without the cookie sees nothing of the first, and cannot open its session", async ({
  page,
  browser,
}) => {
  const path = await openSession(page);
  await echo(page, `${fence}js\nconst secret = 42;\n${fence}`);
  await expect(page.getByRole("article", { name: /JavaScript snippet/ })).toBeVisible();

  const stranger = await freshPage(browser);
  await stranger.goto(path);
  await expect(stranger.getByRole("heading", { name: "No such session" })).toBeVisible();
  await expect(stranger.getByText("const secret = 42;")).toHaveCount(0);
  // Its own workspace is empty of the first one's sessions and artifacts.
  await stranger.goto("/library");
  await expect(stranger.getByRole("status").filter({ hasText: "artifacts" })).toHaveText("0 artifacts");
  await expect(sessionLinks(stranger)).toHaveCount(0);
  const api = await stranger.request.get(`/api/${path.replace(/^\/s\//, "sessions/")}/messages`);
  expect(api.status()).toBe(404);
});

test("a device link binds a second browser to the same workspace once it is confirmed, once", async ({
  page,
  browser,
}) => {
  const path = await openSession(page);
  await ask(page, "Build a pricing page");
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Make a link" }).click();
  const url = await page.getByRole("textbox", { name: "Device link" }).inputValue();
  expect(url).toMatch(/\/api\/device-links\/folio\./);

  // Opening it only asks (a mail scanner's visit spends nothing); the button binds.
  const phone = await freshPage(browser);
  await phone.goto(url);
  await expect(
    phone.getByRole("heading", { name: "Sign this browser in to a Folio workspace?" }),
  ).toBeVisible();
  await phone.reload();
  await phone.getByRole("button", { name: "Sign this browser in" }).click();
  await expect(phone).toHaveURL(path);
  await expect(sessionLinks(phone).first()).toContainText("Build a pricing page");

  // Used once: a third browser gets nothing from it.
  const third = await freshPage(browser);
  const response = await third.goto(url);
  expect(response?.status()).toBe(410);
  await expect(third.getByText("expired or was already used")).toBeVisible();

  // Both browsers are listed in Settings; signing the phone out takes the workspace from it at once.
  await page.reload();
  const browsers = page.getByRole("list", { name: "Browsers" });
  await expect(browsers.getByRole("listitem")).toHaveCount(2);
  await expect(browsers.getByRole("listitem").first()).toContainText("This browser");
  page.once("dialog", (dialog) => dialog.accept());
  await browsers.getByRole("button", { name: /^Sign out Browser signed in/ }).click();
  await expect(browsers.getByRole("listitem")).toHaveCount(1);
  // The phone is told so, with the ways back, and keeps its cookie: no empty workspace takes its library's place.
  const cookie = await folioCookie(phone);
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "This browser is no longer signed in" })).toBeVisible();
  await expect(phone.getByText("Use on another device")).toBeVisible();
  expect(await folioCookie(phone)).toBe(cookie);
  // Starting over is the phone's choice: an empty workspace of its own.
  await phone.getByRole("button", { name: "Start a new, empty workspace" }).click();
  await expect(phone).toHaveURL(/\/s\/[\w-]{22}$/);
  await expect(sessionLinks(phone)).toHaveCount(1);
  await expect(sessionLinks(phone)).not.toContainText("Build a pricing page");
});

test("a browser whose cookie is gone is told it is no longer signed in, and gets no new workspace", async ({
  context,
  page,
}) => {
  await openSession(page);
  await ask(page, "Build a pricing page");
  const made = workspacesMade(context);
  await context.clearCookies();
  await page.reload();
  await expect(page.getByRole("heading", { name: "This browser is no longer signed in" })).toBeVisible();
  expect(made()).toBe(0);
  expect(await folioCookie(page)).toBeUndefined();
});

test("two tabs opened at once on a first visit end in one workspace", async ({ browser }) => {
  const context = await browser.newContext();
  const made = workspacesMade(context);
  const tabs = [await context.newPage(), await context.newPage()];
  await Promise.all(tabs.map((tab) => tab.goto("/")));
  for (const tab of tabs) await expect(tab).toHaveURL(/\/s\/[\w-]{22}$/);
  expect(made()).toBe(1);
  // Each tab's session is in the one workspace the browser's cookie opens.
  const listed = (await (await context.request.get("/api/sessions")).json()) as {
    sessions: { id: string }[];
  };
  for (const tab of tabs) {
    const sessionId = new URL(tab.url()).pathname.split("/")[2];
    expect(listed.sessions.map((session) => session.id)).toContain(sessionId);
  }
  await context.close();
});

test("the library shows the artifacts of every session, filters them, and opens each in its session", async ({
  page,
}) => {
  await openSession(page);
  await echo(page, `${fence}python\nprint("one")\n${fence}`);
  for (const code of [
    `${fence}css\nbody { margin: 0 }\n${fence}`,
    `${fence}python\nprint("three")\n${fence}`,
  ]) {
    await newChat(page);
    await echo(page, code);
  }
  await expect(sessionLinks(page)).toHaveCount(3);

  await page.getByRole("link", { name: "Library" }).click();
  const list = page.getByRole("list", { name: "Artifacts" });
  await expect(list.getByRole("link")).toHaveCount(3);
  await expect(list.getByRole("link").first()).toContainText('print("three")');

  await page.getByRole("combobox", { name: "Type" }).selectOption("python");
  await expect(list.getByRole("link")).toHaveCount(2);
  await page.getByRole("combobox", { name: "Sort" }).selectOption("oldest");
  await expect(list.getByRole("link").first()).toContainText('print("one")');
  await page.getByRole("combobox", { name: "Type" }).selectOption("");
  // The sessions as the sidebar lists them, latest first: the second is the CSS one.
  await page.getByRole("combobox", { name: "Session" }).selectOption({ index: 2 });
  await expect(list.getByRole("link")).toHaveCount(1);
  await expect(list.getByRole("link")).toContainText("body { margin: 0 }");
  await page.reload();
  await expect(list.getByRole("link")).toHaveCount(1);

  await page.getByRole("combobox", { name: "Session" }).selectOption("");
  await list.getByRole("link").filter({ hasText: "body { margin: 0 }" }).click();
  await expect(page).toHaveURL(/\/s\/[\w-]{22}\/a\/[\w-]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("CSS");
});

test("an API token made in the app drives the REST API, and stops working once revoked", async ({
  page,
  playwright,
}) => {
  const path = await openSession(page);
  await echo(page, `${fence}sql\nselect 1;\n${fence}`);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("textbox", { name: "Token name" }).fill("deploy script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByRole("textbox", { name: "New token" }).inputValue();
  expect(token).toMatch(/^folio\./);

  // A client of its own, with no cookie: the token alone.
  const script = await playwright.request.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const sessionPath = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  const listed = await script.get(`${sessionPath}/artifacts`);
  expect(listed.status()).toBe(200);
  expect((await listed.json()).artifacts[0].content).toBe("select 1;\n");
  const posted = await script.post(`${sessionPath}/messages`, {
    data: { role: "assistant", content: `${fence}js\nfromScript();\n${fence}\n` },
  });
  expect(posted.status()).toBe(201);
  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "deploy script" })).toContainText("last used");

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke deploy script" }).click();
  await expect(page.getByRole("list", { name: "Tokens" })).toContainText("No tokens yet.");
  expect((await script.get(`${sessionPath}/artifacts`)).status()).toBe(401);
  await script.dispose();
});
