/**
 * Export and import. An export is a zip: every artifact version as a file of its own (named from its title, with
 * the right extension, in a folder per session), and `folio.json`, the manifest below, which says what each file
 * is. The manifest holds messages and every artifact's versions with their fields; contents live in the files,
 * byte for byte, so the zip is useful unpacked and an import restores them exactly.
 */
import { z } from "zod";
import {
  type Artifact,
  ArtifactDescription,
  ArtifactLanguage,
  ArtifactMetadata,
  ArtifactTitle,
  ArtifactType,
  Id,
  MessageContent,
  MessageRole,
  MessageStatus,
  VersionSource,
} from "./entities.js";

/** The manifest's format, in `folio.json`'s `version`; a reader refuses a version it does not know. */
export const EXPORT_FORMAT_VERSION = 1;
export const MANIFEST_PATH = "folio.json";

const Timestamp = z.number().int().nonnegative();
/** A file's path inside the zip: relative, `/`-separated, no `.` or `..` parts. */
const ArchivePath = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => path.split("/").every((part) => part !== "" && part !== "." && part !== ".."), {
    message: "must be a relative path inside the archive",
  });

/** One version of an artifact; its content is the file at `path` (UTF-8), whose SHA-256 is `sha256`. */
export const ExportedVersion = z.strictObject({
  version: z.number().int().positive(),
  title: ArtifactTitle,
  description: ArtifactDescription.nullable(),
  type: ArtifactType,
  language: ArtifactLanguage.nullable(),
  metadata: ArtifactMetadata,
  createdAt: Timestamp,
  source: VersionSource,
  /** The answer that wrote it, for a model's version (an id of this session's `messages`). */
  messageId: Id.nullable(),
  restoredFrom: z.number().int().positive().nullable(),
  path: ArchivePath,
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ExportedVersion = z.infer<typeof ExportedVersion>;

/** An artifact with every version, oldest first; the last is its current state. */
export const ExportedArtifact = z
  .strictObject({
    id: Id,
    messageId: Id.nullable(),
    createdAt: Timestamp,
    versions: z.array(ExportedVersion).min(1),
  })
  .refine((artifact) => artifact.versions.every((version, i) => version.version === i + 1), {
    message: "versions must be numbered 1, 2, 3… in order",
  });
export type ExportedArtifact = z.infer<typeof ExportedArtifact>;

export const ExportedMessage = z.strictObject({
  id: Id,
  role: MessageRole,
  content: MessageContent,
  status: MessageStatus,
  createdAt: Timestamp,
});
export type ExportedMessage = z.infer<typeof ExportedMessage>;

/**
 * A session: its messages (all of them when the whole session was exported; none for a collection's or a
 * selection's export) and its exported artifacts. `folder` is where its files are.
 */
export const ExportedSession = z.strictObject({
  id: Id,
  title: z.string().max(500),
  createdAt: Timestamp,
  folder: ArchivePath,
  messages: z.array(ExportedMessage),
  artifacts: z.array(ExportedArtifact),
});
export type ExportedSession = z.infer<typeof ExportedSession>;

/** A collection, with the ids of its exported artifacts. */
export const ExportedCollection = z.strictObject({
  id: Id,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000).nullable(),
  createdAt: Timestamp,
  artifactIds: z.array(Id),
});
export type ExportedCollection = z.infer<typeof ExportedCollection>;

/** `folio.json`. */
export const FolioExport = z.strictObject({
  format: z.literal("folio-export"),
  version: z.literal(EXPORT_FORMAT_VERSION),
  exportedAt: Timestamp,
  /** What was exported: a workspace, a session, a collection or a selection of artifacts. */
  scope: z.enum(["workspace", "session", "collection", "selection"]),
  sessions: z.array(ExportedSession),
  collections: z.array(ExportedCollection),
});
export type FolioExport = z.infer<typeof FolioExport>;

/**
 * `GET /api/export`: a zip of the whole workspace, or of one session, one collection, or the artifacts named
 * (`artifactId`, repeated, at most 500); at most one of the three, but for `artifactId` with `sessionId`: those
 * artifacts of that session, found there even before the workspace's index has heard of them.
 */
export const ExportQuery = z
  .strictObject({
    sessionId: Id.optional(),
    collectionId: Id.optional(),
    artifactId: z.array(Id).min(1).max(500).optional(),
  })
  .refine(
    ({ sessionId, collectionId, artifactId }) =>
      [artifactId === undefined ? sessionId : undefined, collectionId, artifactId].filter(
        (value) => value !== undefined,
      ).length <= 1,
    {
      message:
        "name at most one of sessionId, collectionId and artifactId (or artifactId with its sessionId)",
    },
  );
export type ExportQuery = z.infer<typeof ExportQuery>;

/** What `POST /api/import` reads: a Folio export (zip), a ChatGPT `conversations.json`, or a markdown transcript. */
export const ImportFormat = z.enum(["folio", "chatgpt", "markdown"]);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportQuery = z.strictObject({
  /** Without it, the body says: a zip is a Folio export, a JSON array ChatGPT's, anything else markdown. */
  format: ImportFormat.optional(),
  /** A markdown transcript's session title (else its first heading, else its first line). */
  title: z.string().trim().min(1).max(500).optional(),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

/**
 * What became of one session of an import. `added`: stored, all of it, as the new session `sessionId`.
 * `skipped`: this workspace already has it (imported before, or its own), so nothing changed. `conflict`: it was
 * imported before from a different export (or has changed since), so nothing changed; `sessionId` is the one
 * that holds the earlier import. `failed`: refused (`error` says why), and nothing of it stored.
 */
export const ImportedSession = z.object({
  origin: z.string(),
  title: z.string(),
  status: z.enum(["added", "skipped", "conflict", "failed"]),
  sessionId: Id.nullable(),
  messages: z.number().int().nonnegative(),
  artifacts: z.number().int().nonnegative(),
  versions: z.number().int().nonnegative(),
  error: z.string().optional(),
});
export type ImportedSession = z.infer<typeof ImportedSession>;

export const ImportSummary = z.object({
  sessions: z.array(ImportedSession),
  /** Collections made, and artifacts put into collections (made or already there). */
  collections: z.object({ added: z.number().int().nonnegative(), items: z.number().int().nonnegative() }),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/**
 * With `Accept: application/x-ndjson`, `POST /api/import` answers one line per event as it goes: the count of
 * sessions to import, each session as it is done, and the summary last.
 */
export const ImportEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("start"), total: z.number().int().nonnegative() }),
  z.object({ type: z.literal("session"), done: z.number().int().nonnegative(), session: ImportedSession }),
  z.object({ type: z.literal("done"), summary: ImportSummary }),
  z.object({ type: z.literal("error"), code: z.string(), message: z.string() }),
]);
export type ImportEvent = z.infer<typeof ImportEvent>;

// A Map: a language is any name a model or an import gives, and must not find an object's built-in properties.
const EXTENSIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
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
  }),
);

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

/** An artifact's name as a file: its title when that is a file name, else the title made safe, with the extension its language or type calls for. */
export function fileNameOf(artifact: Pick<Artifact, "title" | "type" | "language">): string {
  const extension = (artifact.language && EXTENSIONS.get(artifact.language)) || BY_TYPE[artifact.type];
  if (/\.[A-Za-z0-9]{1,8}$/.test(artifact.title) && !/\s/.test(artifact.title)) {
    const name = artifact.title.split("/").pop() as string;
    if (name !== "" && name !== "." && name !== "..") return name.replace(/[\\:*?"<>|]/g, "-");
  }
  const base =
    artifact.title
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/\.{2,}/g, ".")
      .replace(/^[-.]+|[-.]+$/g, "") || "artifact";
  return `${base.slice(0, 100)}.${extension}`;
}
