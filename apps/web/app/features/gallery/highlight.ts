/** Syntax highlighting with shiki, loaded on first use so it stays off the page's critical path. */
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

// Cards scrolled back into view reuse their highlighting; the oldest entries go first once the cache is full.
const CACHE_SIZE = 500;
const cache = new Map<string, string>();

/** HTML of `code` highlighted as `language` (plain, escaped text for languages shiki does not know). */
export async function highlight(code: string, language: string | null): Promise<string> {
  const key = `${language ?? ""}\0${code}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const core = await getHighlighter();
  const lang = await loadLanguage(core, language);
  const html = core.codeToHtml(code, { lang, themes: THEMES, defaultColor: "light" });
  cache.set(key, html);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return html;
}

/** Highlighting already done for this code, if any, so a card can draw it without waiting. */
export function cachedHighlight(code: string, language: string | null): string | null {
  return cache.get(`${language ?? ""}\0${code}`) ?? null;
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
