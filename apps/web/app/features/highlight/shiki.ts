/**
 * shiki itself: a highlighter with both themes and each language loaded on first use. It runs in the highlight
 * worker (highlight.worker.ts), never on the page's main thread.
 */
import type { HighlighterCore } from "shiki/core";

const THEMES = { light: "github-light", dark: "github-dark" } as const;

// shiki's names for the languages Folio normalises to, where they differ.
const SHIKI_LANGUAGE: Record<string, string> = { svg: "xml", bash: "shellscript", text: "text" };

let highlighter: Promise<HighlighterCore> | null = null;
const loaded = new Set<string>();

async function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= (async () => {
    const [{ createHighlighterCore }, { createJavaScriptRegexEngine }] = await Promise.all([
      import("shiki/core"),
      import("shiki/engine/javascript"),
    ]);
    return createHighlighterCore({
      themes: [import("shiki/themes/github-light.mjs"), import("shiki/themes/github-dark.mjs")],
      langs: [],
      engine: createJavaScriptRegexEngine(),
    });
  })();
  return highlighter;
}

/** HTML of `code` highlighted as `language` (plain, escaped text for languages shiki does not know). */
export async function highlightHtml(code: string, language: string | null): Promise<string> {
  const core = await getHighlighter();
  const lang = await loadLanguage(core, language);
  return core.codeToHtml(code, { lang, themes: THEMES, defaultColor: "light" });
}

async function loadLanguage(core: HighlighterCore, language: string | null): Promise<string> {
  const name = language === null ? "text" : (SHIKI_LANGUAGE[language] ?? language);
  if (name === "text" || loaded.has(name)) return name;
  const { bundledLanguages } = await import("shiki/langs");
  const load = bundledLanguages[name as keyof typeof bundledLanguages];
  if (!load) return "text";
  await core.loadLanguage(load);
  loaded.add(name);
  return name;
}
