/**
 * An export as a zip, streamed in two passes over its sessions, so that memory holds about a page whatever the
 * workspace's size. First `folio.json`, written as it is read: each session's messages a page at a time, then its
 * artifacts' versions with their sizes and SHA-256 (which the session computes, sending no content for them).
 * Then every version as a file of its own (the current one named from its title, earlier ones under
 * `versions/`), in a folder per session, a page of artifacts at a time, the next only when the reader has taken
 * the last one's bytes.
 *
 * Both passes read a session as of one snapshot (export-pages.ts's ExportSnapshot), so what is written between them
 * changes neither. A delete between them could still leave the manifest naming a file the zip lacks, so the
 * second pass checks that it wrote exactly the files the first described, and the download fails rather than
 * end as a zip that does not import.
 */
import {
  type ArtifactVersion,
  EXPORT_FORMAT_VERSION,
  type ExportedArtifact,
  type ExportedCollection,
  type ExportedMessage,
  type ExportQuery,
  type FolioExport,
  fileNameOf,
  MANIFEST_PATH,
  type Message,
  type Validated,
} from "@folio/protocol";
import type { Env } from "../env.js";
import { errorText, log } from "../observability/log.js";
import type { Page } from "../paging/page.js";
import type { DigestPage, ExportPage, ExportSnapshot } from "../session/export-pages.js";
import type { ExportedSessionPlan, ExportPlan } from "../workspace/archive.js";
import { sha256Hex } from "./digest.js";
import { type StreamedFile, ZipWriter } from "./zip-writer.js";

const encoder = new TextEncoder();
/** How much of the zip is made ahead of the reader, at most (and a page's files). */
export const READ_AHEAD_BYTES = 1024 * 1024;

export function exportScope(scope: ExportQuery): FolioExport["scope"] {
  if (scope.artifactId !== undefined) return "selection";
  if (scope.sessionId !== undefined) return "session";
  if (scope.collectionId !== undefined) return "collection";
  return "workspace";
}

/** The zip's bytes, as the reader pulls them; a failure part way errors the stream. */
export function exportArchive(
  env: Env,
  workspaceId: string,
  plan: ExportPlan,
  scope: FolioExport["scope"],
): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  const zip = new ZipWriter((chunk) => ready.push(chunk));
  const steps = writeArchive(env, workspaceId, plan, scope, zip);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let done = false;
        try {
          while (ready.length === 0 && !done) done = (await steps.next()).done === true;
        } catch (error) {
          log({ event: "export.failed", workspace: workspaceId, error: errorText(error) });
          throw error;
        }
        for (const chunk of ready.splice(0)) controller.enqueue(chunk);
        if (done) controller.close();
      },
      // Pulled again while less than this waits to be read: a hand-off to the reader per chunk made the manifest's
      // many small ones cost a round trip each.
    },
    new ByteLengthQueuingStrategy({ highWaterMark: READ_AHEAD_BYTES }),
  );
}

/** What the first pass learnt of a session that the second needs: its folder, its snapshot, and its files. */
interface Described {
  folder: string;
  snapshot: ExportSnapshot;
  files: string;
}

/** Writes the manifest, then the files, yielding after each page read. */
async function* writeArchive(
  env: Env,
  workspaceId: string,
  plan: ExportPlan,
  scope: FolioExport["scope"],
  zip: ZipWriter,
): AsyncGenerator<void> {
  const manifest = new ManifestWriter(zip.stream(MANIFEST_PATH, Date.now()), scope);
  const described: Described[] = [];
  const folders = new UniqueNames();
  for (const session of plan.sessions) {
    const folder = folders.take(folderNameOf(session.title));
    const reader = env.SESSION.getByName(session.id);
    manifest.startSession(session, folder);
    if (session.artifactIds === null) {
      let cursor: string | null = null;
      do {
        const page: Page<Message> = readOf(
          session,
          await reader.exportMessages(workspaceId, cursor ?? undefined),
        );
        for (const { sessionId: _, ...message } of page.items)
          manifest.item(message satisfies ExportedMessage);
        cursor = page.nextCursor;
        yield;
      } while (cursor !== null);
    }
    manifest.startArtifacts();
    const names = new UniqueNames();
    const files = new FileList();
    let snapshot: ExportSnapshot | null = null;
    let after = 0;
    do {
      const page: DigestPage = readOf(
        session,
        await reader.exportDigests(workspaceId, after, snapshot, session.artifactIds ?? undefined),
      );
      snapshot = page.snapshot;
      for (const { id, messageId, createdAt, versions } of page.items) {
        const paths = pathsOf(folder, names, versions);
        const artifact: ExportedArtifact = {
          id,
          messageId,
          createdAt,
          versions: versions.map(({ bytes, sha256, ...fields }, i) => ({
            ...fields,
            path: paths[i] as string,
            bytes,
            sha256,
          })),
        };
        manifest.item(artifact);
        for (const [i, version] of versions.entries()) files.add(id, version.version, paths[i] as string);
      }
      after = page.next ?? -1;
      yield;
    } while (after >= 0);
    manifest.endSession();
    described.push({ folder, snapshot: snapshot as ExportSnapshot, files: await files.digest() });
  }
  manifest.end(plan.collections);

  for (const [index, session] of plan.sessions.entries()) {
    const { folder, snapshot, files: expected } = described[index] as Described;
    const reader = env.SESSION.getByName(session.id);
    const names = new UniqueNames();
    const files = new FileList();
    let after = 0;
    do {
      const page: ExportPage = readOf(
        session,
        await reader.exportArtifacts(workspaceId, after, snapshot, session.artifactIds ?? undefined),
      );
      for (const { id, versions } of page.items) {
        const paths = pathsOf(folder, names, versions);
        for (const [i, version] of versions.entries()) {
          const path = paths[i] as string;
          zip.file(path, encoder.encode(version.content), version.createdAt);
          files.add(id, version.version, path);
        }
      }
      after = page.next ?? -1;
      yield;
    } while (after >= 0);
    if ((await files.digest()) !== expected) {
      throw new Error(
        `the session "${session.title}" changed while it was exported (an artifact was deleted); export it again`,
      );
    }
  }
  zip.end();
}

/** A page a session answered; a session that cannot be read ends the export. */
function readOf<T>(session: ExportedSessionPlan, read: Validated<T>): T {
  if (!read.ok) throw new Error(`the session ${session.id} could not be read: ${read.error.message}`);
  return read.value;
}

type Named = Pick<ArtifactVersion, "version" | "title" | "type" | "language">;

/** Where each version's file goes: the current (last) one named from its title, earlier ones under `versions/`. */
function pathsOf(folder: string, names: UniqueNames, versions: readonly Named[]): string[] {
  const current = versions.at(-1);
  if (!current) return [];
  const name = names.take(fileNameOf(current));
  return versions.map((version) =>
    version === current
      ? `${folder}/${name}`
      : `${folder}/versions/${versionFileName(name, version.version)}`,
  );
}

/** The files a pass wrote (artifact, version, path), as one digest the other pass must match. */
class FileList {
  private lines = "";
  private readonly parts: string[] = [];

  add(artifactId: string, version: number, path: string): void {
    this.lines += `${artifactId} ${version} ${path}\n`;
    // Digested a part at a time, so a session of many files holds little.
    if (this.lines.length > 64 * 1024) this.close();
  }

  async digest(): Promise<string> {
    this.close();
    const digests = await Promise.all(this.parts.map((part) => sha256Hex(part)));
    return sha256Hex(digests.join(""));
  }

  private close(): void {
    if (this.lines !== "") this.parts.push(this.lines);
    this.lines = "";
  }
}

/**
 * `folio.json`, written as the export reads it, one value at a time, laid out as `JSON.stringify(manifest, null,
 * 2)` would lay it out.
 */
class ManifestWriter {
  private firstSession = true;
  private firstItem = true;

  constructor(
    private readonly file: StreamedFile,
    scope: FolioExport["scope"],
  ) {
    const head = { format: "folio-export", version: EXPORT_FORMAT_VERSION, exportedAt: Date.now(), scope };
    this.write(`${open(head, 0)},\n  "sessions": [`);
  }

  startSession(session: ExportedSessionPlan, folder: string): void {
    const { id, title, createdAt } = session;
    const head = open({ id, title, createdAt, folder }, 2);
    this.write(`${this.firstSession ? "" : ","}\n    ${head},\n      "messages": [`);
    this.firstSession = false;
    this.firstItem = true;
  }

  /** A message, or an artifact once `startArtifacts` has been called. */
  item(value: ExportedMessage | ExportedArtifact): void {
    this.write(`${this.firstItem ? "" : ","}\n        ${indented(value, 4)}`);
    this.firstItem = false;
  }

  startArtifacts(): void {
    this.write(`${this.closeList()},\n      "artifacts": [`);
    this.firstItem = true;
  }

  endSession(): void {
    this.write(`${this.closeList()}\n    }`);
  }

  end(collections: ExportedCollection[]): void {
    const list = indented(collections, 1);
    this.write(`${this.firstSession ? "]" : "\n  ]"},\n  "collections": ${list}\n}\n`);
    this.file.close();
  }

  private closeList(): string {
    return this.firstItem ? "]" : "\n      ]";
  }

  private write(text: string): void {
    this.file.push(encoder.encode(text));
  }
}

/** A value's JSON, laid out `depth` levels in (its strings hold no raw line break: only its own lines move). */
function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll("\n", `\n${"  ".repeat(depth)}`);
}

/** An object's JSON laid out `depth` levels in, left open for more fields. */
function open(value: object, depth: number): string {
  return indented(value, depth).slice(0, -(2 + 2 * depth));
}

/** `App.tsx`, 2 → `App.v2.tsx`. */
function versionFileName(name: string, version: number): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)}.v${version}${name.slice(dot)}` : `${name}.v${version}`;
}

function folderNameOf(title: string): string {
  const safe = title
    .replace(/[^\p{L}\p{N} ._-]+/gu, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-. ]+|[-. ]+$/g, "")
    .slice(0, 80);
  return safe || "Untitled chat";
}

/** Names made unique within a folder, ignoring case: the second `App.tsx` is `App (2).tsx`. */
class UniqueNames {
  private readonly taken = new Set<string>();

  take(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate.toLowerCase()); n++) {
      const dot = name.lastIndexOf(".");
      candidate = dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
    }
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}
