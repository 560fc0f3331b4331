import { expect, type Page, test } from "@playwright/test";
import { echo, fence, openSession } from "./helpers";

/** Presses Tab until `name` has the focus; fails after `limit` presses. */
async function tabTo(page: Page, name: string, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element?.getAttribute("aria-label") ?? element?.textContent?.trim() ?? "";
    });
    if (focused === name) return;
  }
  throw new Error(`${name} never got the focus in ${limit} Tab presses`);
}

test("everything works from the keyboard alone", async ({ page }) => {
  await openSession(page);
  await tabTo(page, "Message");
  await page.keyboard.type("/echo A page:");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type(`${fence}html title="keys.html"`);
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type("<h1>Typed, not clicked</h1>");
  await page.keyboard.press("Shift+Enter");
  await page.keyboard.type(fence);
  await expect(page.getByRole("textbox", { name: "Message" })).toHaveValue(
    `/echo A page:\n\n${fence}html title="keys.html"\n<h1>Typed, not clicked</h1>\n${fence}`,
  );
  await page.keyboard.press("Enter");
  const card = page.getByRole("article", { name: "keys.html" });
  await expect(card).toBeVisible();

  await tabTo(page, "Preview");
  await page.keyboard.press("Enter");
  await expect(
    card.getByTitle("Preview: keys.html").contentFrame().getByRole("heading", { name: "Typed, not clicked" }),
  ).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(card.getByTitle("Preview: keys.html")).toHaveCount(0);

  // Filters are plain form controls: the search box narrows the gallery.
  await tabTo(page, "Search artifacts");
  await page.keyboard.type("nothing like this");
  await expect(page.getByText("No artifact matches these filters.")).toBeVisible();
});

test("on a phone the chat and the gallery take turns, and nothing overflows sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openSession(page);
  await echo(
    page,
    `${fence}svg title="phone.svg"\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20"><rect width="20" height="20"/></svg>\n${fence}`,
  );
  await expect(page.getByRole("region", { name: "Artifacts" })).toBeHidden();
  await page.getByRole("button", { name: "Artifacts (1)" }).click();
  const card = page.getByRole("article", { name: "phone.svg" });
  await expect(card).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeHidden();
  await card.getByRole("button", { name: "Preview" }).click();
  await expect(card.getByTitle("Preview: phone.svg").contentFrame().locator("rect")).toBeAttached();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole("button", { name: "Chat" }).click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
});

test("light and dark themes: the system's by default, or the one chosen, kept across reloads", async ({
  page,
}) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  await openSession(page);
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const dark = await background();

  await page.getByRole("combobox", { name: "Theme" }).selectOption("light");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  const light = await background();
  expect(light).not.toBe(dark);
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Theme" })).toHaveValue("light");
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);

  await page.getByRole("combobox", { name: "Theme" }).selectOption("system");
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
});
