import type { Collection } from "@folio/protocol";
import type { GalleryView } from "./filter";

const control =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * The gallery's search box and its filter and sort menus. Down from the search box leaves it for the cards
 * (`onLeave`).
 */
export function GalleryFilters({
  view,
  onChange,
  types,
  languages,
  collections,
  onLeave,
}: {
  view: GalleryView;
  onChange(view: GalleryView): void;
  types: readonly string[];
  languages: readonly string[];
  collections: readonly Collection[];
  onLeave(): void;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <input
        type="search"
        aria-label="Search artifacts"
        placeholder="Search…"
        value={view.query}
        onChange={(event) => onChange({ ...view, query: event.target.value })}
        onKeyDown={(event) => {
          if (event.key !== "ArrowDown") return;
          event.preventDefault();
          onLeave();
        }}
        className={`${control} min-w-0 flex-1`}
      />
      <select
        aria-label="Type"
        value={view.type}
        onChange={(event) => onChange({ ...view, type: event.target.value })}
        className={control}
      >
        <option value="">All types</option>
        {types.map((type) => (
          <option key={type}>{type}</option>
        ))}
      </select>
      <select
        aria-label="Language"
        value={view.language}
        onChange={(event) => onChange({ ...view, language: event.target.value })}
        className={control}
      >
        <option value="">All languages</option>
        {languages.map((language) => (
          <option key={language}>{language}</option>
        ))}
      </select>
      {collections.length > 0 && (
        <select
          aria-label="Collection"
          value={view.collection}
          onChange={(event) => onChange({ ...view, collection: event.target.value })}
          className={control}
        >
          <option value="">All collections</option>
          {collections.map((collection) => (
            <option key={collection.id} value={collection.id}>
              {collection.name}
            </option>
          ))}
        </select>
      )}
      <select
        aria-label="Sort"
        value={view.sort}
        onChange={(event) => onChange({ ...view, sort: event.target.value as GalleryView["sort"] })}
        className={control}
      >
        <option value="newest">Newest first</option>
        <option value="oldest">Oldest first</option>
        <option value="title">By title</option>
      </select>
    </div>
  );
}
