/** An artifact as a file: its name with the right extension, and a download of it. */
import type { Artifact } from "@folio/protocol";

const EXTENSIONS: Record<string, string> = {
  javascript: "js",
  jsx: "jsx",
  typescript: "ts",
  tsx: "tsx",
  html: "html",
  css: "css",
  svg: "svg",
  json: "json",
  markdown: "md",
  python: "py",
  bash: "sh",
  shell: "sh",
  sql: "sql",
  mermaid: "mmd",
  yaml: "yaml",
  rust: "rs",
  go: "go",
  java: "java",
  ruby: "rb",
  c: "c",
  cpp: "cpp",
};

const BY_TYPE: Record<Artifact["type"], string> = {
  "react-component": "tsx",
  html: "html",
  css: "css",
  javascript: "js",
  typescript: "ts",
  svg: "svg",
  mermaid: "mmd",
  json: "json",
  markdown: "md",
  python: "py",
  shell: "sh",
  sql: "sql",
  code: "txt",
};

export function fileNameOf(artifact: Pick<Artifact, "title" | "type" | "language">): string {
  const extension = (artifact.language && EXTENSIONS[artifact.language]) || BY_TYPE[artifact.type];
  if (/\.[A-Za-z0-9]{1,8}$/.test(artifact.title) && !/\s/.test(artifact.title))
    return artifact.title.split("/").pop() as string;
  const base = artifact.title.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "artifact";
  return `${base}.${extension}`;
}

export function download(artifact: Artifact): void {
  const url = URL.createObjectURL(new Blob([artifact.content], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameOf(artifact);
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
