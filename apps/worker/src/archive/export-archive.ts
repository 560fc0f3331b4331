/**
 * An export as a zip, streamed: every artifact version a file of its own (the current one named from its title,
 * earlier ones under `versions/`), in a folder per session, and `folio.json` last, listing what each file is.
 * Artifacts are read from their sessions a page at a time, and the next page only when the reader has taken the
 * last one's bytes, so memory holds about a page however large the workspace.
 */
import {
  EXPORT_FORMAT_VERSION,
  type ExportedArtifact,
  type ExportedSession,
  type ExportedVersion,
  type ExportQuery,
  type FolioExport,
  fileNameOf,
  MANIFEST_PATH,
  type Message,
  type Validated,
} from "@folio/protocol";
import { Zip, ZipDeflate } from "fflate";
import type { Env } from "../env.js";
import type { ExportedSessionPlan, ExportPlan } from "../workspace/archive.js";
import { sha256Hex } from "./digest.js";

const encoder = new TextEncoder();

export function exportScope(scope: ExportQuery): FolioExport["scope"] {
  if (scope.artifactId !== undefined) return "selection";
  if (scope.sessionId !== undefined) return "session";
  if (scope.collectionId !== undefined) return "collection";
  return "workspace";
}

/** The zip's bytes, as the reader pulls them. */
export function exportArchive(
  env: Env,
  workspaceId: string,
  plan: ExportPlan,
  scope: FolioExport["scope"],
): ReadableStream<Uint8Array> {
  const ready: Uint8Array[] = [];
  let finished = false;
  let failure: Error | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else ready.push(chunk);
    if (final) finished = true;
  });
  const steps = writeEntries(env, workspaceId, plan, scope, zip);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (ready.length === 0 && !finished && failure === null) {
        if ((await steps.next()).done) break;
      }
      if (failure) return controller.error(failure);
      for (const chunk of ready.splice(0)) controller.enqueue(chunk);
      if (finished) controller.close();
    },
  });
}

/** Adds the files to the zip, yielding after each page of artifacts; the manifest goes last. */
async function* writeEntries(
  env: Env,
  workspaceId: string,
  plan: ExportPlan,
  scope: FolioExport["scope"],
  zip: Zip,
): AsyncGenerator<void> {
  const folders = new UniqueNames();
  const manifest: FolioExport = {
    format: "folio-export",
    version: EXPORT_FORMAT_VERSION,
    exportedAt: Date.now(),
    scope,
    sessions: [],
    collections: plan.collections,
  };
  for (const session of plan.sessions) {
    const folder = folders.take(folderNameOf(session.title));
    const exported = await exportSession(env, workspaceId, session, folder, zip);
    if (!exported.ok)
      throw new Error(`the session ${session.id} could not be read: ${exported.error.message}`);
    manifest.sessions.push(exported.value);
    yield;
  }
  addFile(zip, MANIFEST_PATH, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  zip.end();
}

async function exportSession(
  env: Env,
  workspaceId: string,
  plan: ExportedSessionPlan,
  folder: string,
  zip: Zip,
): Promise<Validated<ExportedSession>> {
  const stub = env.SESSION.getByName(plan.id);
  let messages: Message[] = [];
  if (plan.artifactIds === null) {
    const read = await stub.exportMessages(workspaceId);
    if (!read.ok) return read;
    messages = read.value;
  }
  const names = new UniqueNames();
  const artifacts: ExportedArtifact[] = [];
  let after = 0;
  do {
    const page = await stub.exportArtifacts(workspaceId, after, plan.artifactIds ?? undefined);
    if (!page.ok) return page;
    for (const { artifact, versions } of page.value.items) {
      const name = names.take(fileNameOf(artifact));
      const exportedVersions: ExportedVersion[] = [];
      for (const version of versions) {
        const path =
          version.version === artifact.version
            ? `${folder}/${name}`
            : `${folder}/versions/${versionFileName(name, version.version)}`;
        const bytes = encoder.encode(version.content);
        addFile(zip, path, bytes, version.createdAt);
        const { artifactId: _, content: __, ...fields } = version;
        exportedVersions.push({ ...fields, path, bytes: bytes.length, sha256: await sha256Hex(bytes) });
      }
      artifacts.push({
        id: artifact.id,
        messageId: artifact.messageId,
        createdAt: artifact.createdAt,
        versions: exportedVersions,
      });
    }
    after = page.value.next ?? -1;
  } while (after >= 0);
  return {
    ok: true,
    value: {
      id: plan.id,
      title: plan.title,
      createdAt: plan.createdAt,
      folder,
      messages: messages.map(({ sessionId: _, ...message }) => message),
      artifacts,
    },
  };
}

function addFile(zip: Zip, path: string, bytes: Uint8Array, mtime = Date.now()): void {
  const file = new ZipDeflate(path, { level: 6 });
  // A zip's times start in 1980.
  file.mtime = Math.max(mtime, Date.UTC(1980, 0, 2));
  zip.add(file);
  file.push(bytes, true);
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
