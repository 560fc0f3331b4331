import type { Artifact } from "@folio/protocol";
import { MemoryRouter } from "react-router";
import { expect, it } from "vitest";
import { page } from "vitest/browser";
import { render } from "vitest-browser-react";
import { ArtifactCard } from "./artifact-card";

const artifact: Artifact = {
  id: "a1",
  sessionId: "s1",
  messageId: "2",
  title: "Counter.tsx",
  description: "Here is the counter:",
  type: "react-component",
  content: "export default function Counter() {\n  return <button>0</button>;\n}\n",
  language: "tsx",
  metadata: { bytes: 66, lines: 3 },
  createdAt: Date.UTC(2026, 10, 24, 12),
  updatedAt: Date.UTC(2026, 10, 24, 12),
  version: 1,
};

it("shows an artifact as an article named by its title, with its code highlighted by shiki", async () => {
  await render(
    <MemoryRouter>
      <ArtifactCard artifact={artifact} />
    </MemoryRouter>,
  );
  const card = page.getByRole("article", { name: "Counter.tsx" });
  await expect.element(card).toBeVisible();
  await expect.element(card.getByText("react-component")).toBeVisible();
  await expect.element(card.getByText(/tsx · 66 B/)).toBeVisible();
  // shiki colours tokens with inline styles once the highlighter and the TSX grammar have loaded (in a worker,
  // which takes a while on a busy machine).
  await expect
    .poll(() => card.element().querySelector("[data-highlighted] .shiki span[style]"), { timeout: 15_000 })
    .not.toBeNull();
  await expect.element(card.getByText("Counter", { exact: false }).first()).toBeVisible();
  await expect.element(card.getByRole("link", { name: "Counter.tsx" })).toHaveAttribute("href", "/s/s1/a/a1");
});
