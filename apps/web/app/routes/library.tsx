import { ARTIFACT_TYPES, type Artifact, type SearchResult } from "@folio/protocol";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ExportLink } from "../features/archive/export-link";
import { ImportButton } from "../features/archive/import-dialog";
import { CollectionHeader } from "../features/collections/collection-header";
import { collectionsQuery } from "../features/collections/collections";
import { filtersFrom, type LibraryFilters, libraryQuery } from "../features/library/library-query";
import { SEARCH_DEBOUNCE_MS } from "../features/search/search-queries";
import { Snippet } from "../features/search/snippet";
import { useDebounced } from "../features/search/use-debounced";
import { PageHeader } from "../features/workspace/page-header";
import { sessionsQuery } from "../features/workspace/sessions";

export function meta() {
  return [{ title: "Folio library" }];
}

const ROW_HEIGHT = 76;
const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const DAY_MS = 24 * 3600_000;
/** The most artifacts an export names one by one. */
const MAX_SELECTION = 500;

/**
 * What "Export" takes: the collection or session filtered to, the artifacts listed when other filters pick them
 * (as many as are loaded, up to 500), else the whole workspace.
 */
function exportOf(filters: LibraryFilters, artifacts: Artifact[]) {
  if (filters.collectionId)
    return { scope: { collectionId: filters.collectionId }, label: "Export collection" };
  const picked = filters.q || filters.type || filters.language || filters.since || filters.until;
  if (filters.sessionId && !picked)
    return { scope: { sessionId: filters.sessionId }, label: "Export session" };
  if (picked || filters.sessionId) {
    const artifactId = artifacts.slice(0, MAX_SELECTION).map((artifact) => artifact.id);
    if (artifactId.length > 0) return { scope: { artifactId }, label: `Export these ${artifactId.length}` };
  }
  return { scope: {}, label: "Export all" };
}

/**
 * `/library`: every artifact of the workspace, newest first, filtered by type, language, session and date (the
 * filters live in the URL). Only the rows in view are drawn; the next page loads as the end comes into view. The
 * search box searches them all on the server, best match first, as it is typed.
 */
export default function LibraryPage() {
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const library = useInfiniteQuery(libraryQuery(filters));
  const sessions = useQuery(sessionsQuery).data?.sessions;
  const collections = useQuery(collectionsQuery).data;
  const collection = collections?.find((candidate) => candidate.id === filters.collectionId);
  const titles = useMemo(() => new Map(sessions?.map((session) => [session.id, session.title])), [sessions]);
  const artifacts = useMemo(
    () => library.data?.pages.flatMap((page) => page.artifacts) ?? [],
    [library.data],
  );
  const matches = useMemo(
    () => new Map(library.data?.pages.flatMap((page) => page.matches ?? []).map((m) => [m.artifact.id, m])),
    [library.data],
  );
  // The box answers every key at once; the URL (and the server) hear of the query once it holds still.
  const [typed, setTyped] = useState(filters.q ?? "");
  const query = useDebounced(typed.trim(), SEARCH_DEBOUNCE_MS);
  const languages = useMemo(
    () =>
      [
        ...new Set(artifacts.map((artifact) => artifact.language).filter((language) => language !== null)),
      ].sort(),
    [artifacts],
  );

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value === "") next.delete(key);
    else next.set(key, value);
    setSearch(next, { replace: true });
  };
  const dateValue = (key: "since" | "until") => {
    const time = filters[key];
    return time === undefined ? "" : new Date(time).toLocaleDateString("sv");
  };
  const setDate = (key: "since" | "until", value: string) => {
    if (value === "") return set(key, "");
    // A day in the reader's time zone: from its first millisecond, or up to its last.
    const start = new Date(`${value}T00:00:00`).getTime();
    set(key, String(key === "since" ? start : start + DAY_MS - 1));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new query moves the URL
  useEffect(() => {
    if (query !== (filters.q ?? "")) set("q", query);
  }, [query]);

  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: artifacts.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = rows.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = library;
  useEffect(() => {
    if (lastShown >= artifacts.length - 5 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastShown, artifacts.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <main className="mx-auto flex h-dvh max-w-5xl flex-col gap-3 p-3 md:p-4">
      <PageHeader
        title="Library"
        actions={
          <>
            <ExportLink {...exportOf(filters, artifacts)} />
            <ImportButton />
          </>
        }
      />
      {collection && (
        <CollectionHeader
          key={collection.id}
          collection={collection}
          onDeleted={() => set("collectionId", "")}
        />
      )}
      <search aria-label="Filters" className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-48 flex-1 flex-col text-xs text-slate-500">
          Search
          <input
            type="search"
            aria-label="Search the library"
            placeholder="Title, description or code…"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            className={control}
          />
        </label>
        <label className="flex flex-col text-xs">
          Type
          <select
            className={control}
            value={filters.type ?? ""}
            onChange={(event) => set("type", event.target.value)}
          >
            <option value="">All types</option>
            {ARTIFACT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Language
          <input
            className={control}
            list="library-languages"
            placeholder="any"
            defaultValue={filters.language ?? ""}
            onChange={(event) => set("language", event.target.value.trim())}
          />
          <datalist id="library-languages">
            {languages.map((language) => (
              <option key={language} value={language} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col text-xs">
          Session
          <select
            className={`${control} max-w-48`}
            value={filters.sessionId ?? ""}
            onChange={(event) => set("sessionId", event.target.value)}
          >
            <option value="">All sessions</option>
            {sessions?.map((session) => (
              <option key={session.id} value={session.id}>
                {session.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          Collection
          <select
            className={`${control} max-w-48`}
            value={filters.collectionId ?? ""}
            onChange={(event) => set("collectionId", event.target.value)}
          >
            <option value="">All collections</option>
            {collections?.map((collection) => (
              <option key={collection.id} value={collection.id}>
                {collection.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs">
          From
          <input
            type="date"
            className={control}
            value={dateValue("since")}
            onChange={(event) => setDate("since", event.target.value)}
          />
        </label>
        <label className="flex flex-col text-xs">
          To
          <input
            type="date"
            className={control}
            value={dateValue("until")}
            onChange={(event) => setDate("until", event.target.value)}
          />
        </label>
        <label className="flex flex-col text-xs">
          Sort
          <select
            className={control}
            value={filters.order ?? "newest"}
            onChange={(event) => set("order", event.target.value === "newest" ? "" : event.target.value)}
          >
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
          </select>
        </label>
      </search>
      <p role="status" className="text-xs text-slate-500 dark:text-slate-400">
        {library.isPending
          ? "Loading…"
          : library.isError
            ? `Could not load the library: ${library.error.message}`
            : `${artifacts.length}${hasNextPage ? "+" : ""} artifacts`}
      </p>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto">
        <ol aria-label="Artifacts" className="relative" style={{ height: rows.getTotalSize() }}>
          {items.map((row) => {
            const artifact = artifacts[row.index] as Artifact;
            return (
              <li
                key={artifact.id}
                data-index={row.index}
                ref={rows.measureElement}
                className="absolute inset-x-0 pb-2"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <LibraryRow
                  artifact={artifact}
                  sessionTitle={titles.get(artifact.sessionId)}
                  match={matches.get(artifact.id)}
                />
              </li>
            );
          })}
        </ol>
        {!library.isPending && artifacts.length === 0 && (
          <p className="p-6 text-center text-slate-500">No artifacts match.</p>
        )}
      </div>
    </main>
  );
}

function LibraryRow({
  artifact,
  sessionTitle,
  match,
}: {
  artifact: Artifact;
  sessionTitle: string | undefined;
  match: SearchResult | undefined;
}) {
  const firstLine = artifact.content.split("\n", 1)[0] ?? "";
  return (
    <Link
      to={`/s/${artifact.sessionId}/a/${artifact.id}`}
      className="block rounded-lg border border-slate-200 bg-white px-3 py-2 hover:border-indigo-400 dark:border-slate-800 dark:bg-slate-900"
    >
      <span className="flex items-baseline gap-2">
        <span className="truncate font-semibold">{artifact.title}</span>
        <span className="rounded-full bg-indigo-50 px-2 text-xs text-indigo-700 dark:bg-indigo-950 dark:text-indigo-300">
          {artifact.type}
        </span>
        <span className="text-xs text-slate-500">{artifact.language ?? "text"}</span>
        <span className="ml-auto shrink-0 text-xs text-slate-500">
          {new Date(artifact.createdAt).toLocaleString()}
        </span>
      </span>
      {match ? (
        <Snippet result={match} className="line-clamp-2" />
      ) : (
        <span className="block truncate font-mono text-xs text-slate-600 dark:text-slate-400">
          {firstLine}
        </span>
      )}
      <span className="block truncate text-xs text-slate-500">in {sessionTitle ?? "a session"}</span>
    </Link>
  );
}
