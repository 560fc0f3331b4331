import { expect, test } from "@playwright/test";
import { echo, fence, openSession } from "./helpers";

test("an HTML page previews in a sandboxed frame titled after the artifact", async ({ page }) => {
  await openSession(page);
  await echo(
    page,
    `A page:\n\n${fence}html\n<!doctype html><html><head><title>Landing</title></head><body><h1>Welcome aboard</h1><button onclick="this.textContent='Clicked'">Press</button></body></html>\n${fence}`,
  );
  const card = page.getByRole("article", { name: "Landing" });
  await card.getByRole("button", { name: "Preview" }).click();
  const frame = card.getByTitle("Preview: Landing");
  await expect(frame).toHaveAttribute("sandbox", "allow-scripts");
  const preview = frame.contentFrame();
  await expect(preview.getByRole("heading", { name: "Welcome aboard" })).toBeVisible();
  await preview.getByRole("button", { name: "Press" }).click();
  await expect(preview.getByRole("button", { name: "Clicked" })).toBeVisible();
});

test("JavaScript previews show their console output and errors with line numbers", async ({ page }) => {
  await openSession(page);
  await echo(
    page,
    `${fence}js\nconsole.log("sum", 1 + 2);\nconsole.log({ ok: true });\nnotDefined();\n${fence}`,
  );
  const card = page.getByRole("article", { name: "JavaScript snippet 1" });
  await card.getByRole("button", { name: "Preview" }).click();
  const output = card.getByTitle("Preview: JavaScript snippet 1").contentFrame().getByLabel("Console output");
  await expect(output).toContainText("sum 3");
  await expect(output).toContainText('{"ok":true}');
  await expect(output).toContainText(/notDefined is not defined \(line \d+\)/);
});

test("CSS, SVG and markdown preview too", async ({ page }) => {
  await openSession(page);
  await echo(
    page,
    `${fence}css\nh1 { color: rgb(255, 0, 0); }\n${fence}\n\n${fence}svg title="dot.svg"\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="10" aria-label="dot"/></svg>\n${fence}\n\n${fence}markdown title="notes.md"\n# Notes\n\n- first **item**\n${fence}`,
  );
  const css = page.getByRole("article", { name: "CSS snippet 1" });
  await css.getByRole("button", { name: "Preview" }).click();
  await expect(
    css.getByTitle("Preview: CSS snippet 1").contentFrame().getByRole("heading", { name: "Heading" }),
  ).toHaveCSS("color", "rgb(255, 0, 0)");
  const svg = page.getByRole("article", { name: "dot.svg" });
  await svg.getByRole("button", { name: "Preview" }).click();
  await expect(svg.getByTitle("Preview: dot.svg").contentFrame().locator("circle")).toBeAttached();
  const notes = page.getByRole("article", { name: "notes.md" });
  await notes.getByRole("button", { name: "Preview" }).click();
  const rendered = notes.getByTitle("Preview: notes.md").contentFrame();
  await expect(rendered.getByRole("heading", { name: "Notes" })).toBeVisible();
  await expect(rendered.locator("strong")).toHaveText("item");
});

test("a preview cannot read the app's storage or DOM, nor call its API", async ({ page }) => {
  await openSession(page);
  await page.evaluate(() => localStorage.setItem("folio-secret", "s3cret"));
  const probe = `<!doctype html><html><body><ul id="out"></ul><script>
const out = (name, value) => { const li = document.createElement("li"); li.textContent = name + ": " + value; document.getElementById("out").appendChild(li); };
try { out("storage", String(localStorage.getItem("folio-secret"))); } catch (e) { out("storage", "blocked"); }
try { out("cookie", document.cookie === "" ? "empty" : document.cookie); } catch (e) { out("cookie", "blocked"); }
try { out("parent", parent.document.title); } catch (e) { out("parent", "blocked"); }
fetch("/api/health").then(() => out("fetch", "allowed"), () => out("fetch", "blocked"));
</script></body></html>`;
  await echo(page, `${fence}html title="probe.html"\n${probe}\n${fence}`);
  const card = page.getByRole("article", { name: "probe.html" });
  await card.getByRole("button", { name: "Preview" }).click();
  const preview = card.getByTitle("Preview: probe.html").contentFrame();
  await expect(preview.getByText("storage: blocked")).toBeVisible();
  await expect(preview.getByText(/^cookie: (blocked|empty)$/)).toBeVisible();
  await expect(preview.getByText("parent: blocked")).toBeVisible();
  await expect(preview.getByText("fetch: blocked")).toBeVisible();
  // The app is unharmed.
  expect(await page.evaluate(() => localStorage.getItem("folio-secret"))).toBe("s3cret");
  await expect(page.getByRole("textbox", { name: "Message" })).toBeEditable();
});

test("a React component with state previews, compiled in the browser with the app's own React", async ({
  page,
}) => {
  await openSession(page);
  const component = `import { useEffect, useState } from "react";

type Props = { start?: number };

export default function Counter({ start = 0 }: Props) {
  const [count, setCount] = useState(start);
  const [api, setApi] = useState("pending");
  useEffect(() => {
    fetch("/api/health").then(() => setApi("allowed"), () => setApi("blocked"));
  }, []);
  return (
    <div>
      <button className="text-red-600" onClick={() => setCount(count + 1)}>Clicked {count} times</button>
      <p>API: {api}</p>
    </div>
  );
}`;
  await echo(page, `A counter:\n\n${fence}tsx\n${component}\n${fence}`);
  const card = page.getByRole("article", { name: "Counter" });
  await expect(card.getByText("react-component")).toBeVisible();
  await card.getByRole("button", { name: "Preview" }).click();
  const preview = card.getByTitle("Preview: Counter").contentFrame();
  const button = preview.getByRole("button");
  await expect(button).toHaveText("Clicked 0 times");
  await button.click();
  await button.click();
  await expect(button).toHaveText("Clicked 2 times");
  // Tailwind classes work (text-red-600 is red); the network, the app's API included, does not.
  expect(await button.evaluate((el) => getComputedStyle(el).color)).toMatch(
    /^(oklch\(0\.57|rgb\(2[0-9]{2}, )/,
  );
  await expect(preview.getByText("API: blocked")).toBeVisible();
  // The runtime came from the app itself, and only inside the sandbox (the app loads the frame, not its scripts).
  const appScripts = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => name.includes("/preview/") && name.endsWith(".js")),
  );
  expect(appScripts).toEqual([]);
});

test("a component without a default export renders its last component; errors show their line", async ({
  page,
}) => {
  await openSession(page);
  await echo(
    page,
    [
      `${fence}jsx title="Greeting.jsx"\nfunction Name() {\n  return <b>Ada</b>;\n}\nfunction Greeting() {\n  return <h1>Hello, <Name /></h1>;\n}\n${fence}`,
      `${fence}tsx title="Broken.tsx"\nexport default function Broken() {\n  const items: string[] = [];\n  return <ul>{items.map((item) => <li>{item}</li>}</ul>;\n}\n${fence}`,
      `${fence}tsx title="Throws.tsx"\nexport default function Throws() {\n  const user: { name: string } | null = null;\n\n  return <p>{user!.name}</p>;\n}\n${fence}`,
      `${fence}tsx title="main.tsx"\nimport { createRoot } from "react-dom/client";\n\nfunction App() {\n  return <p>Mounted by itself</p>;\n}\n\ncreateRoot(document.getElementById("root")!).render(<App />);\n${fence}`,
    ].join("\n\n"),
  );
  const greeting = page.getByRole("article", { name: "Greeting.jsx" });
  await greeting.getByRole("button", { name: "Preview" }).click();
  await expect(
    greeting.getByTitle("Preview: Greeting.jsx").contentFrame().getByRole("heading", { name: "Hello, Ada" }),
  ).toBeVisible();

  const broken = page.getByRole("article", { name: "Broken.tsx" });
  await broken.getByRole("button", { name: "Preview" }).click();
  await expect(broken.getByTitle("Preview: Broken.tsx").contentFrame().getByRole("alert")).toContainText(
    /Compile error: .*\(line 3, column \d+\)/,
  );

  const throws = page.getByRole("article", { name: "Throws.tsx" });
  await throws.getByRole("button", { name: "Preview" }).click();
  await expect(throws.getByTitle("Preview: Throws.tsx").contentFrame().getByRole("alert")).toContainText(
    /Runtime error on line 4: TypeError: .*null/,
  );
  // A module that mounts itself is left to do so.
  const main = page.getByRole("article", { name: "main.tsx" });
  await main.getByRole("button", { name: "Preview" }).click();
  const mounted = main.getByTitle("Preview: main.tsx").contentFrame();
  await expect(mounted.getByText("Mounted by itself")).toHaveCount(1);
  await expect(mounted.locator("#folio-error")).toBeEmpty();

  // The app carries on.
  await expect(page.getByRole("textbox", { name: "Message" })).toBeEditable();
});

test("a mermaid diagram renders inside the sandbox; a broken one says why", async ({ page }) => {
  await openSession(page);
  await echo(
    page,
    `${fence}mermaid title="flow.mmd"\nflowchart TD\n  Start --> Finish\n${fence}\n\n${fence}mermaid title="broken.mmd"\nflowchart TD\n  Start -->\n${fence}`,
  );
  const flow = page.getByRole("article", { name: "flow.mmd" });
  await flow.getByRole("button", { name: "Preview" }).click();
  const diagram = flow.getByTitle("Preview: flow.mmd").contentFrame();
  await expect(diagram.locator("svg")).toBeVisible();
  await expect(diagram.locator("svg")).toContainText("Start");
  await expect(diagram.locator("svg")).toContainText("Finish");
  const broken = page.getByRole("article", { name: "broken.mmd" });
  await broken.getByRole("button", { name: "Preview" }).click();
  await expect(broken.getByTitle("Preview: broken.mmd").contentFrame().getByRole("alert")).toContainText(
    /Diagram error: Parse error on line \d+/,
  );
});
