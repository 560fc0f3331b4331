/** Decides what kind of artifact a code block is, from its language and, failing that, its content. */

/** The kinds of artifact (the protocol's `ARTIFACT_TYPES`). */
export type ArtifactType =
  | "react-component"
  | "html"
  | "css"
  | "javascript"
  | "typescript"
  | "svg"
  | "mermaid"
  | "json"
  | "markdown"
  | "python"
  | "shell"
  | "sql"
  | "code";

// Every repetition that could run across the code is bounded (and kept to one line where it can), so a match
// attempt costs a constant and a megabyte of almost-matches is read in linear time, not quadratic.
const JSX_ELEMENT = /<([A-Za-z][\w.]{0,100})(\s[^<>]{0,500})?\/?>|<>/;
const DEFINES_COMPONENT =
  /(?:function\s+[A-Z][\w$]{0,100}\s*\(|(?:const|let)\s+[A-Z][\w$]{0,100}\s*(?::[^=\n]{1,200})?=\s*(?:\([^)\n]{0,200}\)|[A-Za-z_$][\w$]{0,100})\s*(?::[^=\n]{1,200})?=>|class\s+[A-Z][\w$]{0,100}\s+extends\s+(?:React\.)?(?:Pure)?Component)/;
const RENDERS = /\b(?:createRoot|ReactDOM\.render|render)\s*\(/;

const BY_LANGUAGE: ReadonlyMap<string, ArtifactType> = new Map(
  Object.entries({
    html: "html",
    css: "css",
    javascript: "javascript",
    typescript: "typescript",
    svg: "svg",
    mermaid: "mermaid",
    json: "json",
    jsonc: "json",
    json5: "json",
    markdown: "markdown",
    python: "python",
    bash: "shell",
    sql: "sql",
  }),
);

export function inferType(language: string | null, code: string): ArtifactType {
  const start = code.trimStart().slice(0, 400).toLowerCase();
  if (language === "mermaid") return "mermaid";
  if (
    language === "svg" ||
    ((language === null || language === "xml" || language === "html") && isSvg(start))
  ) {
    return "svg";
  }
  if (language === "jsx" || language === "tsx" || language === "javascript" || language === "typescript") {
    if (isReactComponent(code)) return "react-component";
    return language === "jsx" ? "javascript" : language === "tsx" ? "typescript" : language;
  }
  const known = language === null ? undefined : BY_LANGUAGE.get(language);
  if (known) return known;
  if (language !== null) return "code";
  return sniffType(start, code);
}

function isSvg(start: string): boolean {
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(start);
}

function isReactComponent(code: string): boolean {
  return JSX_ELEMENT.test(code) && (DEFINES_COMPONENT.test(code) || RENDERS.test(code));
}

/** For blocks without a language: recognise the unmistakable shapes, else plain code. */
function sniffType(start: string, code: string): ArtifactType {
  if (/^<!doctype html|^<html[\s>]/.test(start)) return "html";
  if (/^[[{]/.test(start) && isJson(code)) return "json";
  if (/^(?:graph|flowchart|sequencediagram|classdiagram|statediagram|erdiagram|gantt|pie)\b/.test(start))
    return "mermaid";
  if (/^\$ \S/.test(start)) return "shell";
  if (/^(?:select|insert|update|delete|create|alter|with)\s/.test(start)) return "sql";
  return "code";
}

function isJson(code: string): boolean {
  try {
    JSON.parse(code);
    return true;
  } catch {
    return false;
  }
}
