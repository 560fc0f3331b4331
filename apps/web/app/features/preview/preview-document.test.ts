import { expect, it } from "vitest";
import { canPreview, previewDocument } from "./preview-document";

const RUNTIMES = "http://app.test/preview/";

it("shows a full HTML document exactly as written: the policy is the frame's header, never spliced into the text", () => {
  // Splicing a <meta> policy into the artifact let it be moved where browsers ignore it.
  const hostile = "<!-- <head> --><!doctype html><html><head><title>T</title></head><body></body></html>";
  expect(previewDocument({ type: "html", content: hostile }, RUNTIMES)).toBe(hostile);
  for (const [type, content] of [
    ["html", "<h1>Hi</h1>"],
    ["css", "h1 { color: red }"],
    ["svg", "<svg></svg>"],
    ["javascript", "console.log(1)"],
  ] as const) {
    const document = previewDocument({ type, content }, RUNTIMES) ?? "";
    expect(document.startsWith("<!doctype html>")).toBe(true);
    expect(document).not.toContain("Content-Security-Policy");
  }
});

it("lets markdown, React and mermaid previews load their runtime from the runtime folder", () => {
  for (const type of ["markdown", "react-component", "mermaid"] as const) {
    const document = previewDocument({ type, content: "x" }, RUNTIMES) ?? "";
    expect(document).toMatch(/<script src="http:\/\/app\.test\/preview\/[\w-]+\.js"><\/script>/);
  }
});

it("keeps a script's code from closing its script element early", () => {
  const script = previewDocument(
    { type: "javascript", content: 'console.log("</script><b>x</b>")' },
    RUNTIMES,
  );
  expect(script).toContain("<\\/script><b>x</b>");
  const component = previewDocument({ type: "react-component", content: "const s = '</script>';" }, RUNTIMES);
  expect(component).not.toContain("'</script>'");
  expect(component).toContain("\\u003c/script>");
});

it("offers previews only for the types it can run", () => {
  expect(canPreview({ type: "html" })).toBe(true);
  expect(canPreview({ type: "react-component" })).toBe(true);
  expect(canPreview({ type: "mermaid" })).toBe(true);
  expect(canPreview({ type: "python" })).toBe(false);
  expect(previewDocument({ type: "sql", content: "SELECT 1" }, RUNTIMES)).toBeNull();
});
