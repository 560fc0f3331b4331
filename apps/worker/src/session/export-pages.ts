/**
 * The session's artifacts as an export reads them (archive/export-archive.ts), a page at a time: in its first
 * pass each version's fields, size and SHA-256, in its second the same page with every version's content.
 */
import type { ArtifactVersion, ExportedVersion } from "@folio/protocol";
import { sha256Hex } from "../archive/digest.js";
import type { ArtifactHistory, ExportSnapshot, SessionStore } from "./store.js";

/** An export reads artifacts in pages of about this much content. */
const EXPORT_PAGE_CHARS = 8 * 1024 * 1024;

export type ExportPage = ReturnType<SessionStore["exportArtifacts"]>;

/** A version as the manifest describes it, but for where its file goes. */
export type DescribedVersion = Omit<ExportedVersion, "path">;

export interface DigestPage {
  items: (Omit<ArtifactHistory, "versions"> & { versions: DescribedVersion[] })[];
  next: number | null;
  snapshot: ExportSnapshot;
}

/** The first pass's page after row `after`, as of `snapshot` (taken now when null); the content stays here. */
export async function digestPage(
  store: SessionStore,
  after: number,
  snapshot: ExportSnapshot | null,
  artifactIds?: string[],
): Promise<DigestPage> {
  const at = snapshot ?? store.exportSnapshot();
  const page = store.exportArtifacts(after, EXPORT_PAGE_CHARS, at, artifactIds);
  const items = await Promise.all(
    page.items.map(async ({ versions, ...artifact }) => ({
      ...artifact,
      versions: await Promise.all(versions.map(describedVersion)),
    })),
  );
  return { items, next: page.next, snapshot: at };
}

/** The second pass's page: the same as `digestPage` gave, with every version's content. */
export function contentPage(
  store: SessionStore,
  after: number,
  snapshot: ExportSnapshot,
  artifactIds?: string[],
): ExportPage {
  return store.exportArtifacts(after, EXPORT_PAGE_CHARS, snapshot, artifactIds);
}

const encoder = new TextEncoder();

async function describedVersion({
  artifactId: _,
  content,
  ...fields
}: ArtifactVersion): Promise<DescribedVersion> {
  const bytes = encoder.encode(content);
  return { ...fields, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}
