import { expect, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

test("a share link opens one artifact, as of its version, in a fresh browser with no account, until revoked", async ({
  browser,
  page,
}) => {
  const path = await openSession(page);
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  const content = `${fence}html title="hello.html"\n<!doctype html><h1>Hello, shared</h1>\n${fence}\n${fence}js private.js\nconst key = "not for sharing";\n${fence}\n`;
  const imported = await page.request.post(`${api}/messages`, { data: { role: "assistant", content } });
  const { artifacts } = await imported.json();
  const hello = artifacts[0];

  await page.goto(`${path}/a/${hello.id}`);
  await page.getByRole("button", { name: "Share…" }).click();
  const panel = page.getByRole("region", { name: "Share link" });
  await panel.getByRole("button", { name: "This version (1)" }).click();
  const url = await panel.getByRole("textbox", { name: "Link" }).inputValue();
  expect(url).toMatch(/\/share\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
  // A later edit does not change what the pinned link shows.
  await page.request.patch(`${api}/artifacts/${hello.id}`, {
    data: { content: "<!doctype html><h1>Edited later</h1>\n" },
  });

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url);
  const shared = stranger.getByRole("article", { name: "hello.html" });
  await expect(shared).toContainText("version 1");
  await expect(shared.getByText("Hello, shared")).toBeVisible();
  await expect(stranger.getByText("Edited later")).toHaveCount(0);
  await expect(stranger.getByText("not for sharing")).toHaveCount(0);
  // Nothing on the page leads into the workspace.
  await expect(stranger.getByRole("link")).toHaveCount(0);
  await shared.getByRole("button", { name: "Preview" }).click();
  await expect(
    shared.getByTitle("Preview: hello.html").contentFrame().getByRole("heading", { name: "Hello, shared" }),
  ).toBeVisible();
  // The stranger's browser was given no workspace of its own, nor this one.
  expect((await stranger.context().cookies()).filter((cookie) => cookie.name === "folio")).toEqual([]);

  // "Copy to my workspace": the stranger gets a workspace of their own, holding an independent copy.
  await stranger.getByRole("button", { name: "Copy to my workspace" }).click();
  await expect(stranger).toHaveURL(/\/s\/[A-Za-z0-9_-]{22}$/);
  const copy = stranger
    .getByRole("region", { name: "Artifacts" })
    .getByRole("article", { name: "hello.html" });
  await expect(copy).toBeVisible();
  await stranger.goBack();

  // Listed in Settings with when it was last opened; revoked, it opens nothing.
  await page.goto("/settings");
  const links = page.getByRole("list", { name: "Share links" });
  await expect(links.getByRole("listitem")).toContainText(["hello.html"]);
  await expect(links.getByRole("listitem").first()).toContainText("last opened");
  page.once("dialog", (dialog) => void dialog.accept());
  await links.getByRole("button", { name: "Revoke the link to hello.html" }).click();
  await expect(page.getByText("No share links.")).toBeVisible();
  await stranger.reload();
  await expect(stranger.getByRole("heading", { name: "This link opens nothing" })).toBeVisible();
});

test("a session's share link shows its messages and artifacts", async ({ browser, page }) => {
  const path = await openSession(page);
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  await page.request.post(`${api}/messages`, {
    data: { role: "assistant", content: `Here it is:\n\n${fence}py fib.py\nprint(1)\n${fence}\n` },
  });
  await page.reload();
  await page.getByRole("button", { name: "Share session" }).click();
  const panel = page.getByRole("region", { name: "Share link" });
  await panel.getByRole("button", { name: "Make a link" }).click();
  const url = await panel.getByRole("textbox", { name: "Link" }).inputValue();

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole("region", { name: "Messages" })).toContainText("Here it is:");
  await expect(
    stranger.getByRole("region", { name: "Artifacts" }).getByRole("article", { name: "fib.py" }),
  ).toBeVisible();
});

test("a session's share link shows the first 100 messages and artifacts, and the rest on request", async ({
  browser,
  page,
}) => {
  const path = await openSession(page);
  const api = `/api/${path.replace(/^\/s\//, "sessions/")}`;
  // The 104 answers are written with no tab of the session open, which would draw each as it comes.
  await page.goto("about:blank");
  for (let answer = 1; answer <= 104; answer++) {
    const posted = await page.request.post(`${api}/messages`, {
      data: { role: "assistant", content: `Answer ${answer}\n\n${fence}js\nlet n = ${answer};\n${fence}\n` },
    });
    expect(posted.status()).toBe(201);
  }
  const made = await page.request.post("/api/shares", {
    data: { kind: "session", sessionId: path.split("/")[2] },
  });
  const { share } = (await made.json()) as { share: { url: string } };

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(share.url);
  const messages = stranger.getByRole("region", { name: "Messages" }).getByRole("article");
  const artifacts = stranger.getByRole("region", { name: "Artifacts" }).getByRole("article");
  await expect(messages).toHaveCount(100);
  await expect(artifacts).toHaveCount(100);
  await stranger.getByRole("button", { name: "Show more messages" }).click();
  await expect(messages).toHaveCount(104);
  await expect(messages.last()).toContainText("Answer 104");
  await expect(stranger.getByRole("button", { name: "Show more messages" })).toHaveCount(0);
  await stranger.getByRole("button", { name: "Show more artifacts" }).click();
  await expect(artifacts).toHaveCount(104);
  await expect(stranger.getByRole("button", { name: "Show more artifacts" })).toHaveCount(0);
});
