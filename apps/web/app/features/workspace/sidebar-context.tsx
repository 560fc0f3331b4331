/** Whether the sessions drawer is open (on a phone; on wider screens the sidebar is always shown). */
import { createContext, useContext } from "react";

export const SidebarContext = createContext<{ open(): void }>({ open: () => {} });

/** The button that opens the sessions drawer, for a page's header; hidden where the sidebar is always shown. */
export function SidebarButton() {
  const { open } = useContext(SidebarContext);
  return (
    <button
      type="button"
      onClick={open}
      className="rounded-md border border-slate-300 px-2 py-1 text-sm md:hidden dark:border-slate-700"
    >
      ☰ Sessions
    </button>
  );
}
