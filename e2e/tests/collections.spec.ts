import { expect, type Page, test } from "@playwright/test";
import { fence, openSession } from "./helpers";

const block = (info: string, code: string) => `${fence}${info}\n${code}${fence}\n`;

async function importAnswer(page: Page, path: string, content: string) {
  const response = await page.request.post(`/api/${path.replace(/^\/s\//, "sessions/")}/messages`, {
    data: { role: "assistant", content },
  });
  expect(response.status()).toBe(201);
}

test("collections group artifacts from a card's menu or by dragging; the library and the gallery filter by them", async ({
  page,
}) => {
  const path = await openSession(page);
  await importAnswer(
    page,
    path,
    [
      block("js cart.js", "export const cart = [];\n"),
      block("css cart.css", ".cart { color: red; }\n"),
      block("sql orders.sql", "SELECT * FROM orders;\n"),
    ].join("\n"),
  );
  const gallery = page.getByRole("region", { name: "Artifacts" });
  await expect(gallery.getByRole("article")).toHaveCount(3);

  // A new collection, from the sidebar.
  const sidebar = page.getByRole("navigation", { name: "Sessions" });
  await sidebar.getByRole("button", { name: "New collection" }).click();
  await sidebar.getByRole("textbox", { name: "Collection name" }).fill("Shop");
  await sidebar.getByRole("textbox", { name: "Collection name" }).press("Enter");
  const shop = sidebar.getByRole("list", { name: "Your collections" }).getByRole("link", { name: /Shop/ });
  await expect(shop).toContainText("0");

  // From a card's menu.
  const cart = gallery.getByRole("article", { name: "cart.js" });
  await cart.getByRole("button", { name: "Collections" }).click();
  const menu = cart.getByRole("group", { name: "Collections of cart.js" });
  await menu.getByRole("checkbox", { name: "Shop" }).check();
  await expect(shop).toContainText("1");
  await expect(menu.getByRole("checkbox", { name: "Shop" })).toBeChecked();
  // And a new collection made from the menu, holding it at once.
  await menu.getByRole("textbox", { name: "New collection" }).fill("Frontend");
  await menu.getByRole("button", { name: "Add" }).click();
  await expect(menu.getByRole("checkbox", { name: "Frontend" })).toBeChecked();

  // By dragging a card's header onto the collection.
  await gallery.getByRole("article", { name: "cart.css" }).locator("header").dragTo(shop);
  await expect(shop).toContainText("2");

  // The library, filtered by the collection (from the sidebar's link).
  await shop.click();
  await expect(page).toHaveURL(/\/library\?collectionId=/);
  const rows = page.getByRole("list", { name: "Artifacts" }).getByRole("link");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "orders.sql" })).toHaveCount(0);
  const header = page.getByRole("region", { name: "Collection Shop" });
  await header.getByRole("button", { name: "Rename or describe" }).click();
  await header.getByRole("textbox", { name: "Description" }).fill("The storefront");
  await header.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("region", { name: "Collection Shop" })).toContainText("The storefront");

  // The gallery, filtered by it.
  await page.goBack();
  await page.goto(path);
  await gallery.getByRole("combobox", { name: "Collection" }).selectOption({ label: "Shop" });
  await expect(gallery.getByRole("article")).toHaveCount(2);
  await expect(gallery.getByRole("article", { name: "orders.sql" })).toHaveCount(0);

  // Deleting the collection keeps its artifacts.
  await page.goto("/library");
  await page.getByRole("combobox", { name: "Collection" }).selectOption({ label: "Shop" });
  await page.getByRole("button", { name: "Delete collection" }).click();
  await page.getByRole("button", { name: /Delete “Shop”/ }).click();
  await expect(sidebar.getByRole("link", { name: /Shop/ })).toHaveCount(0);
  await expect(rows).toHaveCount(3);
});
