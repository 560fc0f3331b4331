/** A workspace page's header: the sessions drawer's button (on a phone), the page's title, and the theme menu. */
import { ThemeSelect } from "../theme/theme-select";
import { SidebarButton } from "./sidebar-context";

export function PageHeader({
  title,
  className = "",
  actions,
}: {
  title: string;
  className?: string;
  /** The page's own buttons, beside the theme menu. */
  actions?: React.ReactNode;
}) {
  return (
    <header className={`flex items-center justify-between gap-2 ${className}`}>
      <div className="flex min-w-0 items-center gap-2">
        <SidebarButton />
        <h1 className="truncate text-lg font-bold">{title}</h1>
      </div>
      <div className="flex items-center gap-2">
        {actions}
        <ThemeSelect />
      </div>
    </header>
  );
}
