/** Infers what an artifact needs (type, language, title, description, metadata) from a code block. */
import type { CodeBlock } from "../types.js";
import { readInfoAttributes } from "./attributes.js";
import { introducingSentence, LOOK_BACK } from "./description.js";
import { languageDisplayName, languageOfFileName, normaliseLanguage } from "./language.js";
import { titleFromExports, titleFromHtml, titleFromInfo, titleFromLeadingComment } from "./title.js";
import { type ArtifactType, inferType } from "./type.js";

export interface ArtifactContext {
  /** The whole message the block is part of (as much as has streamed, while streaming). */
  message?: string;
  /**
   * Instead of `message`: the text just before the block (since the previous block ended, say), for a caller
   * that holds the message in pieces. Either way only the last 4,096 characters before the block are read.
   */
  textBefore?: string;
}

export interface InferredArtifact {
  type: ArtifactType;
  language: string | null;
  title: string;
  description: string | null;
  metadata: {
    lines: number;
    bytes: number;
    closed: boolean;
    index: number;
    info: string;
    attributes: Record<string, string>;
    /**
     * Whether the title is the block's own (its file name or title in the info string or a leading comment, a
     * component's export, a page's title) rather than a numbered "JavaScript snippet 2": an own title names the
     * same artifact in a later answer.
     */
    titled: boolean;
  };
}

export function inferArtifact(block: CodeBlock, context: ArtifactContext = {}): InferredArtifact {
  const info = readInfoAttributes(block.info);
  const named = titleFromInfo(info) ?? titleFromLeadingComment(block.code);
  const language =
    normaliseLanguage(block.lang) ??
    (named === null ? null : languageOfFileName(named)) ??
    sniffLanguage(block.code);
  const type = inferType(language, block.code);
  const own =
    named ??
    titleFromExports(block.code) ??
    (type === "html" || type === "svg" ? titleFromHtml(block.code) : null);
  const title = own ?? `${languageDisplayName(language)} snippet ${block.index + 1}`;
  return {
    type,
    language,
    title,
    description: describe(block, context),
    metadata: {
      lines: block.code === "" ? 0 : block.code.split("\n").length - (block.code.endsWith("\n") ? 1 : 0),
      bytes: utf8Length(block.code),
      closed: block.closed,
      index: block.index,
      info: block.info,
      attributes: info.attributes,
      titled: own !== null,
    },
  };
}

function describe(block: CodeBlock, { message, textBefore }: ArtifactContext): string | null {
  if (textBefore !== undefined) return introducingSentence(textBefore);
  if (message === undefined) return null;
  return introducingSentence(message.slice(Math.max(0, block.start - LOOK_BACK), block.start));
}

/** The language of an unlabelled block, when its content makes it plain. */
function sniffLanguage(code: string): string | null {
  const start = code.trimStart().slice(0, 200).toLowerCase();
  if (/^<svg[\s>]|^<\?xml[^>]*>\s*<svg[\s>]/.test(start)) return "svg";
  if (/^<!doctype html|^<html[\s>]/.test(start)) return "html";
  return null;
}

/** UTF-8 length of a string, counted without encoding it (a lone surrogate counts as U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
