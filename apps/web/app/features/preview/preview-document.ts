/**
 * The page an artifact's preview shows: a complete HTML document, written into the Worker's /preview/frame (whose
 * Content-Security-Policy header blocks all network access and lets the page's own inline code run; see
 * apps/worker/src/preview/frame.ts). Markdown, React components and mermaid diagrams also load their runtime, and
 * only that, from the app's own /preview/ folder (see vite.preview.config.ts), so none of it weighs on the app's
 * own bundle.
 */
import type { Artifact } from "@folio/protocol";

const PREVIEWABLE = new Set(["html", "css", "svg", "javascript", "markdown", "mermaid", "react-component"]);

export function canPreview(artifact: Pick<Artifact, "type">): boolean {
  return PREVIEWABLE.has(artifact.type);
}

const BASE_STYLE = `<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; }
  body { margin: 16px; line-height: 1.5; }
  #console { font: 12px/1.5 ui-monospace, monospace; white-space: pre-wrap; margin: 0; }
  #console .error, #folio-error { color: #dc2626; }
  #folio-error { font: 12px/1.5 ui-monospace, monospace; white-space: pre-wrap; margin: 0; }
  #folio-error:empty { display: none; }
</style>`;

function page(body: string, head = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8">${BASE_STYLE}${head}</head><body>${body}</body></html>`;
}

/** A string as a JavaScript literal that is safe inside an inline <script>. */
function scriptLiteral(text: string): string {
  return JSON.stringify(text).replace(/</g, "\\u003c");
}

/** Code placed inside an inline <script> must not be able to end it early. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

const CONSOLE_CAPTURE = `<pre id="console" aria-label="Console output"></pre><script>
(() => {
  const out = document.getElementById("console");
  const show = (kind, args) => {
    const line = document.createElement("div");
    line.className = kind;
    line.textContent = args.map((a) => { try { return typeof a === "string" ? a : JSON.stringify(a); } catch { return String(a); } }).join(" ");
    out.appendChild(line);
  };
  for (const kind of ["log", "info", "warn", "error"]) {
    const original = console[kind].bind(console);
    console[kind] = (...args) => { show(kind, args); original(...args); };
  }
  addEventListener("error", (event) => show("error", [\`\${event.message} (line \${event.lineno})\`]));
  addEventListener("unhandledrejection", (event) => show("error", ["Unhandled rejection: " + String(event.reason)]));
})();
</script>`;

const SAMPLE_PAGE = `<main><h1>Heading</h1><p>A paragraph with <a href="#">a link</a> and <strong>bold</strong> text.</p>
<div class="card"><h2>Card</h2><p>Content inside a card.</p><button>Button</button></div>
<ul><li>First</li><li>Second</li></ul><form><label>Name <input placeholder="Type here"></label></form></main>`;

/** Where a runtime reports what went wrong (hidden while empty). */
const ERROR_PANEL = `<pre id="folio-error" role="alert"></pre>`;

const MARKDOWN_RENDER = `<script>
(() => {
  const out = document.getElementById("markdown");
  if (typeof FolioMarkdown === "undefined") return void (out.textContent = "The markdown runtime did not load.");
  out.innerHTML = FolioMarkdown.renderMarkdown(window.__folioPreview.source);
})();
</script>`;

const MERMAID_RENDER = `<script>
(async () => {
  const diagram = document.getElementById("diagram");
  const fail = (message) => { document.getElementById("folio-error").textContent = message; };
  if (typeof mermaid === "undefined") return fail("The mermaid runtime did not load.");
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
  try {
    const { svg } = await mermaid.render("folio-diagram", window.__folioPreview.source);
    diagram.innerHTML = svg;
  } catch (error) {
    fail("Diagram error: " + (error && error.message ? error.message : String(error)));
  }
})();
</script>`;

/**
 * A page whose runtime, loaded from the `runtimes` folder, renders the artifact's source into `body`: the
 * source goes in as `window.__folioPreview.source`, then the runtime scripts, then any inline `start` script.
 */
function runtimePage(body: string, source: string, runtimes: string, scripts: string[], start = ""): string {
  const loads = scripts.map((name) => `<script src="${runtimes}${name}"></script>`).join("");
  return page(
    `${body}<script>window.__folioPreview = { source: ${scriptLiteral(source)} };</script>${loads}${start}`,
  );
}

/**
 * The preview page for an artifact, or null when its type has no preview. `runtimes` is the absolute URL of the
 * folder holding the preview runtimes (the app's /preview/); the sandbox's opaque origin needs it spelled out.
 */
export function previewDocument(
  artifact: Pick<Artifact, "type" | "content">,
  runtimes: string,
): string | null {
  const { content } = artifact;
  switch (artifact.type) {
    case "html":
      // A full document is shown as it is: the policy is the frame's HTTP header, not part of the text.
      if (/<html[\s>]/i.test(content) || /<!doctype/i.test(content)) return content;
      return page(content);
    case "css":
      return page(SAMPLE_PAGE, `<style>${content.replace(/<\/style/gi, "<\\/style")}</style>`);
    case "svg":
      return page(content);
    case "javascript":
      return page(`${CONSOLE_CAPTURE}<script>${scriptSafe(content)}</script>`);
    case "markdown":
      return runtimePage(
        `<main id="markdown"></main>`,
        content,
        runtimes,
        ["markdown-runtime.js"],
        MARKDOWN_RENDER,
      );
    case "mermaid":
      return runtimePage(
        `<div id="diagram" role="img" aria-label="Diagram"></div>${ERROR_PANEL}`,
        content,
        runtimes,
        ["mermaid.js"],
        MERMAID_RENDER,
      );
    case "react-component":
      // Tailwind's browser build styles the utility classes model-written components use.
      return runtimePage(`<div id="root"></div>${ERROR_PANEL}`, content, runtimes, [
        "tailwind.js",
        "react-runtime.js",
      ]);
    default:
      return null;
  }
}
