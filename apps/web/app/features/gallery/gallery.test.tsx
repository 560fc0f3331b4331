import type { Artifact } from "@folio/protocol";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ComponentProps } from "react";
import { MemoryRouter } from "react-router";
import { afterEach, expect, it, vi } from "vitest";
import { page } from "vitest/browser";
import { render } from "vitest-browser-react";
import "../../app.css";
import { collectionsQuery } from "../collections/collections";
import { Gallery } from "./gallery";

function artifact(n: number): Artifact {
  return {
    id: `a${n}`,
    sessionId: "s1",
    messageId: "m1",
    title: `snippet-${String(n).padStart(4, "0")}.sql`,
    description: null,
    type: "sql",
    content: `SELECT ${n};\n`,
    language: "sql",
    metadata: { bytes: 10, lines: 1 },
    createdAt: Date.UTC(2026, 10, 24) + n,
    updatedAt: Date.UTC(2026, 10, 24) + n,
    version: 1,
  };
}

const many = Array.from({ length: 5000 }, (_, i) => artifact(i + 1));

const noActions = { onUpdate() {}, onDelete() {} };

function renderGallery(
  artifacts: readonly Artifact[],
  drafts = [],
  more: Partial<ComponentProps<typeof Gallery>> = {},
) {
  const client = new QueryClient();
  client.setQueryData(collectionsQuery.queryKey, []);
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <div style={{ height: 800, display: "flex", flexDirection: "column" }}>
          <Gallery sessionId="s1" artifacts={artifacts} drafts={drafts} actions={noActions} {...more} />
        </div>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

it("draws only the cards in view of a 5,000-artifact feed, each knowing its place in it", async () => {
  await renderGallery(many);
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  await expect.element(page.getByRole("heading", { name: "Artifacts (5000)" })).toBeVisible();
  // Newest first: the last one made heads the feed.
  const first = feed.getByRole("article").first();
  await expect.element(first).toHaveAccessibleName("snippet-5000.sql");
  await expect.element(first).toHaveAttribute("aria-posinset", "1");
  await expect.element(first).toHaveAttribute("aria-setsize", "5000");
  expect(feed.getByRole("article").elements().length).toBeLessThan(20);

  // Scrolled to the end, the oldest is drawn and the first ones are gone.
  await scrollToEnd(feed.element().parentElement as HTMLElement);
  await expect.element(feed.getByRole("article", { name: "snippet-0001.sql" })).toBeVisible();
  await expect.element(feed.getByRole("article", { name: "snippet-5000.sql" })).not.toBeInTheDocument();
  expect(feed.getByRole("article").elements().length).toBeLessThan(20);
});

async function scrollToEnd(scroller: HTMLElement) {
  for (let i = 0; i < 5; i++) {
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
}

it("keeps a card being edited, and its unsaved text, while it is scrolled far out of view", async () => {
  await renderGallery(many);
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  const card = feed.getByRole("article", { name: "snippet-5000.sql" });
  await card.getByRole("button", { name: "Edit" }).click();
  await card.getByRole("form").getByLabelText("Title").fill("renamed, not saved yet");

  await scrollToEnd(feed.element().parentElement as HTMLElement);
  await expect.element(feed.getByRole("article", { name: "snippet-0001.sql" })).toBeVisible();
  await expect
    .element(feed.getByRole("form", { name: "Edit snippet-5000.sql" }).getByLabelText("Title"))
    .toHaveValue("renamed, not saved yet");
});

it("keeps a running preview while its card is scrolled far out of view", async () => {
  const page5000: Artifact = {
    ...artifact(5001),
    title: "page.html",
    type: "html",
    language: "html",
    content: "<h1>Still running</h1>",
  };
  await renderGallery([...many, page5000]);
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  await feed.getByRole("article", { name: "page.html" }).getByRole("button", { name: "Preview" }).click();
  const frame = feed.getByTitle("Preview: page.html");
  await expect.element(frame).toBeInTheDocument();
  const element = frame.element();

  await scrollToEnd(feed.element().parentElement as HTMLElement);
  await expect.element(feed.getByRole("article", { name: "snippet-0001.sql" })).toBeVisible();
  // The very same frame: not torn down and rebuilt.
  expect(feed.getByTitle("Preview: page.html").element()).toBe(element);
});

it("shows blocks still streaming first, marked busy", async () => {
  await renderGallery(many.slice(0, 3), [
    { messageId: "m2", index: 0, info: "tsx", lang: "tsx", code: "export default function A() {\n" },
  ] as never);
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  await expect.element(feed).toHaveAttribute("aria-busy", "true");
  const first = feed.getByRole("article").first();
  await expect.element(first).toHaveAccessibleName("Streaming tsx block");
  await expect.element(first).toHaveAttribute("aria-busy", "true");
  expect(first.element().textContent).toContain("export default function A() {");
});

it("asks the server for another order a page at a time, never for every artifact", async () => {
  // The server's listing by title: 5,000 artifacts, 100 a page.
  const byTitle = [...many].sort((a, b) => a.title.localeCompare(b.title));
  const asked: string[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, location.origin);
    if (url.pathname === "/api/collections") return Response.json({ collections: [] });
    asked.push(`${url.pathname}?${url.searchParams}`);
    const from = Number(url.searchParams.get("cursor") ?? 0);
    const artifacts = byTitle.slice(from, from + 100);
    const nextCursor = from + 100 < byTitle.length ? String(from + 100) : null;
    return Response.json({ artifacts, nextCursor });
  });
  const onLoadMore = vi.fn();
  // The session's own list holds its newest 100 so far.
  await renderGallery(many.slice(-100).reverse(), [], { more: true, total: 5000, onLoadMore });
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  await expect.element(feed.getByRole("article").first()).toHaveAccessibleName("snippet-5000.sql");

  await page.getByRole("combobox", { name: "Sort" }).selectOptions("title");
  const first = feed.getByRole("article").first();
  await expect.element(first).toHaveAccessibleName("snippet-0001.sql");
  // How many there are is not known until the last page is read.
  await expect.element(first).toHaveAttribute("aria-setsize", "-1");
  expect(asked).toEqual(["/api/sessions/s1/artifacts?order=title&limit=100"]);

  // Scrolled to the end a few times, it reads a few pages more, in order.
  await scrollToEnd(feed.element().parentElement as HTMLElement);
  await expect.poll(() => asked[1]).toBe("/api/sessions/s1/artifacts?order=title&limit=100&cursor=100");
  await expect.element(feed.getByRole("article").last()).not.toHaveAccessibleName(/snippet-00/);
  // A page for each time the end came into view (a page that lands while the end is still in view may ask for
  // one more), far from the 50 a read of every artifact takes.
  expect(asked.length).toBeLessThan(10);
  // The session's own list was never asked to read every page.
  expect(onLoadMore).not.toHaveBeenCalled();
  await expect.element(page.getByRole("heading", { name: "Artifacts (5000)" })).toBeVisible();
});

it("filters by type on the server, and shows each card as this tab has it", async () => {
  const edited = { ...(many.at(-1) as Artifact), title: "edited-here.sql" };
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, location.origin);
    if (url.pathname === "/api/collections") return Response.json({ collections: [] });
    expect(url.searchParams.get("type")).toBe("sql");
    // The server has not heard of the edit yet.
    return Response.json({ artifacts: [many.at(-1), many.at(-2)], nextCursor: null });
  });
  await renderGallery([edited, ...many.slice(0, 3)], [], { more: true, total: 5000, onLoadMore: vi.fn() });
  await page.getByRole("combobox", { name: "Type" }).selectOptions("sql");
  const feed = page.getByRole("feed", { name: "Artifact cards" });
  await expect.element(feed.getByRole("article").nth(1)).toHaveAccessibleName("snippet-4999.sql");
  await expect.element(feed.getByRole("article").first()).toHaveAccessibleName("edited-here.sql");
  // The last page is in: two, and so many in all.
  await expect.element(feed.getByRole("article").first()).toHaveAttribute("aria-setsize", "2");
});
