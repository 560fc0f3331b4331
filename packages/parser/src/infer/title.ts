/** Finds an artifact's title: the first of the rules below that gives one. */
import type { InfoAttributes } from "./attributes.js";

const FILE_NAME = String.raw`([\w@~.\-/]*[\w-]\.[A-Za-z0-9]{1,10})`;
const LEADING_FILE_COMMENTS = [
  new RegExp(String.raw`^\s*(?://|#|--|;)\s*(?:file(?:name)?:\s*)?${FILE_NAME}\s*$`, "i"),
  new RegExp(String.raw`^\s*/\*+\s*(?:file(?:name)?:\s*)?${FILE_NAME}\s*\*+/\s*$`, "i"),
  new RegExp(String.raw`^\s*<!--\s*(?:file(?:name)?:\s*)?${FILE_NAME}\s*-->\s*$`, "i"),
];
const EXPORTED_NAME = [
  /export\s+default\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
  /export\s+default\s+class\s+([A-Za-z_$][\w$]*)/,
  /export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/,
  /export\s+class\s+([A-Za-z_$][\w$]*)/,
  /export\s+(?:const|let)\s+([A-Za-z_$][\w$]*)/,
  /export\s+default\s+([A-Z][\w$]*)\s*;?\s*$/m,
];

export function titleFromInfo({ attributes, path }: InfoAttributes): string | null {
  const named = attributes.title ?? attributes.filename ?? attributes.file ?? attributes.name ?? path;
  return named?.trim() || null;
}

export function titleFromLeadingComment(code: string): string | null {
  const firstLine = code.slice(0, code.indexOf("\n") === -1 ? code.length : code.indexOf("\n"));
  if (firstLine.startsWith("#!")) return null;
  for (const pattern of LEADING_FILE_COMMENTS) {
    const match = pattern.exec(firstLine);
    if (match) return match[1] as string;
  }
  return null;
}

export function titleFromExports(code: string): string | null {
  for (const pattern of EXPORTED_NAME) {
    const match = pattern.exec(code);
    if (match) return match[1] as string;
  }
  return null;
}

export function titleFromHtml(code: string): string | null {
  const title =
    /<title[^>]{0,200}>([\s\S]{0,1000}?)<\/title>/i.exec(code)?.[1] ??
    /<h1[^>]{0,200}>([\s\S]{0,1000}?)<\/h1>/i.exec(code)?.[1];
  const text = title
    ?.replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text || null;
}
