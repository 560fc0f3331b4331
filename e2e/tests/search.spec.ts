import { expect, type Page, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

const block = (info: string, code: string) => `${fence}${info}\n${code}${fence}\n`;

/** Stores an answer in the session over REST, as another app would; the open tab hears of it live. */
async function importAnswer(page: Page, path: string, content: string) {
  const response = await page.request.post(`/api/${path.replace(/^\/s\//, "sessions/")}/messages`, {
    data: { role: "assistant", content },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { artifacts: { id: string; title: string }[] };
}

const PROJECT = [
  block("js cart.js", "export function addToCart(cart, item) {\n  return [...cart, item];\n}\n"),
  block("css cart.css", ".cart { display: grid; }\n"),
  block("sql orders.sql", "SELECT * FROM orders WHERE total > 100;\n"),
  block("python invoice.py", "def invoice_total(lines):\n    return sum(line.price for line in lines)\n"),
].join("\n");

test("the gallery searches the session on the server as it is typed: ranked, words marked, from the keyboard", async ({
  page,
}) => {
  const path = await openSession(page);
  await importAnswer(page, path, PROJECT);
  const gallery = page.getByRole("region", { name: "Artifacts" });
  await expect(gallery.getByRole("article")).toHaveCount(4);
  const box = gallery.getByRole("searchbox", { name: "Search artifacts" });

  // A prefix, as typed: the server's ranking puts the file named for it first.
  await box.fill("cart");
  await expect(gallery.getByRole("article")).toHaveText([/cart\.css|cart\.js/, /cart\.css|cart\.js/]);
  const snippet = gallery.getByRole("article", { name: "cart.js" }).getByTestId("search-snippet");
  await expect(snippet.locator("mark").first()).toHaveText(/^cart$/i);
  await box.fill("invoice lines");
  await expect(gallery.getByRole("article")).toHaveCount(1);
  await expect(gallery.getByRole("article", { name: "invoice.py" })).toBeVisible();
  // FTS syntax is text like any other.
  await box.fill('"orders" AND');
  await expect(gallery.getByText("No artifact matches these filters.")).toBeVisible();
  await box.fill("orders");
  await expect(gallery.getByRole("article")).toHaveCount(1);

  // Down from the box reaches the first result; Enter opens it.
  await box.press("ArrowDown");
  await expect(gallery.getByRole("link", { name: "orders.sql" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/a\/[^/]+$/);
  await expect(page.getByRole("region", { name: "Code" })).toContainText("SELECT * FROM orders");
});

test("the library searches every session of the workspace, and the query lives in its URL", async ({
  page,
}) => {
  const first = await openSession(page);
  await importAnswer(page, first, PROJECT);
  const second = (await (await page.request.post("/api/sessions")).json()) as { sessionId: string };
  await importAnswer(page, `/s/${second.sessionId}`, block("js checkout.js", "addToCart([], { sku: 1 });\n"));

  await page.goto("/library");
  const rows = page.getByRole("list", { name: "Artifacts" }).getByRole("link");
  await expect(rows).toHaveCount(5);
  await page.getByRole("searchbox", { name: "Search the library" }).fill("addtocart");
  await expect(rows).toHaveCount(2);
  await expect(page).toHaveURL(/[?&]q=addtocart/);
  await expect(rows.filter({ hasText: "checkout.js" }).locator("mark")).toHaveText(["addToCart"]);
  await page.reload();
  await expect(rows).toHaveCount(2);
  await rows.filter({ hasText: "checkout.js" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/${second.sessionId}/a/`));
});

test("the command palette opens from the keyboard anywhere and jumps to any artifact or session", async ({
  page,
}) => {
  const path = await openSession(page);
  await importAnswer(page, path, PROJECT);
  await page.goto("/settings");

  const palette = page.getByRole("dialog", { name: "Command palette" });
  // The first press may come before the page is hydrated and listening.
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(palette).toBeVisible({ timeout: 500 });
  }).toPass();
  const input = palette.getByRole("combobox", { name: "Go to a session or artifact" });
  await expect(input).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();

  await page.keyboard.press("Control+k");
  await page.keyboard.type("invoice");
  const options = palette.getByRole("option");
  await expect(options.filter({ hasText: "invoice.py" })).toBeVisible();
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(/\/a\/[^/]+$/);
  await expect(page.getByRole("region", { name: "Code" })).toContainText("invoice_total");

  // Sessions by title, and the app's pages.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("libr");
  await expect(options).toHaveText([/Library/]);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/library$/);
});

test("an edit conflicting with another tab's is not saved unseen: the difference is shown, then saved as a new version", async ({
  context,
  page,
}) => {
  const path = await openSession(page);
  const { artifacts } = await importAnswer(page, path, block("js greet.js", 'console.log("hello");\n'));
  const artifact = artifacts[0] as { id: string };
  const url = `${path}/a/${artifact.id}`;
  await page.goto(url);
  const other = await context.newPage();
  await other.goto(url);

  // This tab starts editing; the other saves first.
  const editor = (tab: Page) =>
    tab.getByRole("form", { name: "Edit greet.js" }).getByRole("textbox", { name: "Content" });
  // As in gallery.spec.ts: the code editor replaces its plain stand-in as it loads; fill the editor itself.
  for (const tab of [page, other]) await expect(tab.locator(".cm-editor")).toBeVisible();
  await editor(page).fill('console.log("hello, mine");\n');
  await editor(other).fill('console.log("hello, theirs");\n');
  await other.getByRole("button", { name: "Save" }).click();
  const versions = page.getByRole("list", { name: "Versions" });
  await expect(versions.getByRole("listitem")).toHaveCount(2);

  await page.getByRole("button", { name: "Save" }).click();
  const conflict = page.getByRole("region", { name: "Edit conflict" });
  await expect(conflict.getByRole("alert")).toContainText("version 2 is now current");
  const differences = conflict.getByRole("table", { name: "Differences" });
  await expect(
    differences.getByRole("row").filter({ has: page.getByRole("cell", { name: "removed" }) }),
  ).toHaveText(['-console.log("hello, theirs");']);
  await expect(
    differences.getByRole("row").filter({ has: page.getByRole("cell", { name: "added" }) }),
  ).toHaveText(['+console.log("hello, mine");']);
  // Side by side: theirs on the left, mine on the right.
  await conflict.getByRole("button", { name: "Side by side" }).click();
  const split = conflict.getByRole("table", { name: "Differences side by side" });
  await expect(split.getByRole("cell", { name: "removed before" })).toHaveText(
    'console.log("hello, theirs");',
  );
  await expect(split.getByRole("cell", { name: "added after" })).toHaveText('console.log("hello, mine");');

  await conflict.getByRole("button", { name: "Save mine as version 3" }).click();
  await expect(versions.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByRole("region", { name: "Code" })).toContainText("hello, mine");
  // Nothing was overwritten: theirs is version 2.
  await expect(other.getByRole("region", { name: "Code" })).toContainText("hello, mine");
  const history = await (
    await page.request.get(`/api/${path.replace(/^\/s\//, "sessions/")}/artifacts/${artifact.id}/versions`)
  ).json();
  expect(history.versions.map((v: { content: string }) => v.content)).toEqual([
    'console.log("hello");\n',
    'console.log("hello, theirs");\n',
    'console.log("hello, mine");\n',
  ]);
});
