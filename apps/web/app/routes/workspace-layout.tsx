import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Outlet, useLocation, useNavigate, useParams } from "react-router";
import { CommandPalette } from "../features/palette/command-palette";
import { sessionsQuery } from "../features/workspace/sessions";
import { SessionsSidebar } from "../features/workspace/sessions-sidebar";
import { SidebarContext } from "../features/workspace/sidebar-context";
import { useWorkspaceLive } from "../features/workspace/use-workspace-live";

/**
 * Every page of the workspace: the sessions sidebar beside the page (a drawer on a phone, opened from the page's
 * header), kept live by the workspace's socket, and the command palette (Ctrl/⌘-K).
 */
export default function WorkspaceLayout() {
  useWorkspaceLive();
  useLeaveDeletedSession();
  const [drawer, setDrawer] = useState(false);
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a navigation closes the drawer
  useEffect(() => setDrawer(false), [pathname]);
  return (
    <SidebarContext value={{ open: () => setDrawer(true) }}>
      <div className="flex h-dvh">
        <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-slate-100 md:block dark:border-slate-800 dark:bg-slate-900">
          <SessionsSidebar />
        </aside>
        {drawer && (
          <div
            role="dialog"
            aria-modal="true"
            aria-label="Sessions drawer"
            className="fixed inset-0 z-40 flex md:hidden"
          >
            <div className="w-72 max-w-[85vw] bg-slate-100 shadow-xl dark:bg-slate-900">
              <SessionsSidebar />
            </div>
            <button
              type="button"
              aria-label="Close the sessions drawer"
              className="flex-1 bg-black/40"
              onClick={() => setDrawer(false)}
            />
          </div>
        )}
        <div className="min-w-0 flex-1 overflow-y-auto">
          <Outlet />
        </div>
      </div>
      <CommandPalette />
    </SidebarContext>
  );
}

/** When the open session is deleted (in another tab, or on another device), go to the latest one instead. */
function useLeaveDeletedSession(): void {
  const { sessionId } = useParams();
  const navigate = useNavigate();
  const list = useQuery(sessionsQuery);
  // The open session, once the list has shown it: only a session seen listed can be seen to go.
  const seen = useRef<string | null>(null);
  const listed = sessionId !== undefined && list.data?.sessions.some((session) => session.id === sessionId);
  useEffect(() => {
    if (listed) seen.current = sessionId ?? null;
    else if (sessionId !== undefined && seen.current === sessionId) {
      seen.current = null;
      void navigate("/");
    }
  }, [listed, sessionId, navigate]);
}
