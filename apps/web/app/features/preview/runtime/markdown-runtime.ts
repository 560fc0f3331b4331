/**
 * The markdown preview's runtime, built as one classic script (`FolioMarkdown`, see vite.preview.config.ts) and
 * loaded only inside a preview's sandbox. It is micromark with GitHub's extensions, the parser the chat's
 * react-markdown (with remark-gfm) uses, so a text reads the same in a message and in its artifact's preview;
 * unlike the chat, the sandbox may show the text's own HTML.
 */
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

export function renderMarkdown(source: string): string {
  return micromark(source, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}
