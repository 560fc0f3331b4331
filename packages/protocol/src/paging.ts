/** Paging: every list answers a page and the cursor of the next one. */
import { z } from "zod";

/** A page's continuation: opaque, handed back as `cursor`; null on the last page. */
export const Cursor = z.string().min(1).max(512);
export const NextCursor = Cursor.nullable();

/** How many items a page holds when not asked, and the most it may be asked for. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 500;

/** A page size in a frame. */
export const PageLimit = z.number().int().min(1).max(MAX_PAGE);
/** Query strings are text: numbers are read from it. */
export const QueryLimit = z.coerce.number().int().min(1).max(MAX_PAGE);
/**
 * How a listing of artifacts is ordered: by creation time, newest or oldest first, or by title, A to Z with case
 * ignored (its pages are counted by place, like a search's).
 */
export const ArtifactOrder = z.enum(["newest", "oldest", "title"]);
export type ArtifactOrder = z.infer<typeof ArtifactOrder>;
/** Epoch milliseconds, in a query string. */
export const QueryTime = z.coerce.number().int().nonnegative();
