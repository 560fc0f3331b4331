import { expect, test } from "@playwright/test";
import { echo, fence, openSession } from "./helpers";

const three = `Three files:\n\n${fence}css title="theme.css"\nbody { color: navy; }\n${fence}\n\n${fence}python title="fib.py"\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n${fence}\n\n${fence}sql title="report.sql"\nSELECT name FROM customers;\n${fence}`;

test("filters by type and language, searches titles and contents, sorts by title", async ({ page }) => {
  await openSession(page);
  await echo(page, three);
  const gallery = page.getByRole("region", { name: "Artifacts" });
  await expect(gallery.getByRole("article")).toHaveCount(3);

  await gallery.getByLabel("Type").selectOption("css");
  await expect(gallery.getByRole("article")).toHaveCount(1);
  await expect(gallery.getByRole("article", { name: "theme.css" })).toBeVisible();
  await gallery.getByLabel("Type").selectOption("");

  await gallery.getByLabel("Language").selectOption("python");
  await expect(gallery.getByRole("article")).toHaveCount(1);
  await gallery.getByLabel("Language").selectOption("");

  await gallery.getByRole("searchbox", { name: "Search artifacts" }).fill("customers");
  await expect(gallery.getByRole("article")).toHaveCount(1);
  await expect(gallery.getByRole("article", { name: "report.sql" })).toBeVisible();
  await gallery.getByRole("searchbox", { name: "Search artifacts" }).fill("nothing-like-this");
  await expect(gallery.getByText("No artifact matches these filters.")).toBeVisible();
  await gallery.getByRole("searchbox", { name: "Search artifacts" }).fill("");

  await gallery.getByLabel("Sort").selectOption("title");
  await expect(gallery.getByRole("article")).toHaveText([/fib\.py/, /report\.sql/, /theme\.css/]);
});

test("edits and deletes show up live in a second tab; delete can be undone", async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const path = await openSession(first);
  await echo(first, three);
  const second = await context.newPage();
  await second.goto(path);
  await expect(second.getByRole("article")).toHaveCount(3);

  const card = first.getByRole("article", { name: "fib.py" });
  await card.getByRole("button", { name: "Edit" }).click();
  const form = card.getByRole("form", { name: "Edit fib.py" });
  await form.getByLabel("Title").fill("fibonacci.py");
  await form.getByLabel("Description").fill("Naive recursion");
  // The content is edited in a code editor that highlights the artifact's language.
  const editor = form.getByRole("textbox", { name: "Content" });
  await expect(form.locator(".cm-editor")).toBeVisible();
  await expect(form.locator(".cm-content .cm-line span").first()).toBeVisible();
  await editor.fill("def fibonacci(n):\n    return n if n < 2 else fibonacci(n - 1) + fibonacci(n - 2)\n");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("article", { name: "fibonacci.py" })).toContainText("Naive recursion");
  await expect(second.getByRole("article", { name: "fibonacci.py" })).toContainText("def fibonacci(n):");
  await expect(first.getByRole("article", { name: "fibonacci.py" })).toBeVisible();

  // Undo keeps it.
  await first.getByRole("article", { name: "theme.css" }).getByRole("button", { name: "Delete" }).click();
  await expect(first.getByRole("article", { name: "theme.css" })).toHaveCount(0);
  await first.getByRole("button", { name: "Undo" }).click();
  await expect(first.getByRole("article", { name: "theme.css" })).toBeVisible();

  // Otherwise it is deleted everywhere once the undo window closes.
  await first.getByRole("article", { name: "report.sql" }).getByRole("button", { name: "Delete" }).click();
  await expect(second.getByRole("article", { name: "report.sql" })).toHaveCount(0, { timeout: 10_000 });
  await second.reload();
  await expect(second.getByRole("article")).toHaveCount(2);
  await context.close();
});

test("answers render as markdown, and the artifact page shows one artifact full size", async ({ page }) => {
  await openSession(page);
  await echo(
    page,
    `Some **bold** advice:\n\n1. one\n2. two\n\n${fence}html title="page.html"\n<h1>Full size</h1>\n${fence}`,
  );
  const answer = page.getByRole("list", { name: "Messages" }).locator(":scope > li").last();
  await expect(answer.locator("strong")).toHaveText("bold");
  await expect(answer.getByRole("listitem")).toHaveCount(2);

  await page.getByRole("article", { name: "page.html" }).getByRole("link", { name: "page.html" }).click();
  await expect(page).toHaveURL(/\/s\/[^/]+\/a\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "page.html" })).toBeVisible();
  await expect(
    page.getByTitle("Preview: page.html").contentFrame().getByRole("heading", { name: "Full size" }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "page.html" })).toBeVisible();
});

test("a delete is kept when the user opens an artifact before its undo window closes", async ({ page }) => {
  const path = await openSession(page);
  await echo(page, three);
  await page.getByRole("article", { name: "report.sql" }).getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("button", { name: "Undo" })).toBeVisible();
  // Straight to another artifact, well inside the five seconds.
  await page.getByRole("article", { name: "fib.py" }).getByRole("link", { name: "fib.py" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "fib.py" })).toBeVisible();
  await expect
    .poll(async () => {
      const response = await page.request.get(`/api/sessions${path.slice(2)}/artifacts`);
      const { artifacts } = (await response.json()) as { artifacts: { title: string }[] };
      return artifacts.map((artifact) => artifact.title).sort();
    })
    .toEqual(["fib.py", "theme.css"]);
});

test("the artifact page goes back without reloading the app, and its editor's Cancel discards the edits", async ({
  page,
}) => {
  await openSession(page);
  await echo(page, three);
  await page.getByRole("article", { name: "theme.css" }).getByRole("link", { name: "theme.css" }).click();
  const edit = page.getByRole("region", { name: "Edit" });
  const title = edit.getByLabel("Title");
  await title.fill("half-typed title");
  await edit.getByRole("button", { name: "Cancel" }).click();
  await expect(title).toHaveValue("theme.css");

  // A marker on the window survives a client-side navigation, not a reload.
  await page.evaluate(() => Object.assign(window, { folioMarker: "still here" }));
  await page.getByRole("link", { name: "← Back to the session" }).click();
  await expect(page.getByRole("article", { name: "theme.css" })).toBeVisible();
  expect(await page.evaluate(() => (window as { folioMarker?: string }).folioMarker)).toBe("still here");
});
