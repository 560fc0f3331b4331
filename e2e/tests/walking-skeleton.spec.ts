import { expect, test } from "@playwright/test";

const answer = [
  "Here is a button:",
  "",
  '```tsx title="Button.tsx"',
  "export default function Button() {",
  "  return <button>Click</button>;",
  "}",
  "```",
  "",
  "and a query:",
  "",
  "```sql",
  "SELECT 1;",
  "```",
].join("\n");

test("an echoed answer's code blocks become artifacts that survive a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/s\/[A-Za-z0-9_-]{22,}$/);
  await expect(page.getByRole("status")).toHaveText("Connected");

  const box = page.getByRole("textbox", { name: "Message" });
  await box.fill(`/echo ${answer}`);
  await box.press("Enter");
  await expect(box).toHaveValue("");

  const button = page.getByRole("article", { name: "Button.tsx" });
  await expect(button).toBeVisible();
  await expect(button).toContainText("react-component");
  // shiki has highlighted it: the code is split into coloured tokens.
  await expect(button.locator(".shiki span[style]").first()).toBeVisible();
  await expect(page.getByRole("article", { name: "SQL snippet 2" })).toBeVisible();

  const messages = page.getByRole("list", { name: "Messages" });
  await expect(messages.getByRole("listitem")).toHaveCount(2);
  await expect(messages.getByRole("listitem").last()).toContainText("SELECT 1;");

  await page.reload();
  await expect(page.getByRole("article", { name: "Button.tsx" })).toBeVisible();
  await expect(page.getByRole("article", { name: "SQL snippet 2" })).toBeVisible();
  await expect(messages.getByRole("listitem")).toHaveCount(2);
  await expect(messages.getByRole("listitem").first()).toContainText("/echo Here is a button:");
});
