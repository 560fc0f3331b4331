import { useEffect, useState } from "react";
import { followSystemTheme, saveTheme, storedTheme, THEMES, type ThemeChoice } from "./theme";

const LABELS: Record<ThemeChoice, string> = { system: "System theme", light: "Light", dark: "Dark" };

/** The theme menu: light, dark, or whatever the system uses. */
export function ThemeSelect() {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  useEffect(() => followSystemTheme(choice), [choice]);
  return (
    <select
      aria-label="Theme"
      value={choice}
      onChange={(event) => {
        const next = event.target.value as ThemeChoice;
        saveTheme(next);
        setChoice(next);
      }}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs dark:border-slate-700 dark:bg-slate-900"
    >
      {THEMES.map((theme) => (
        <option key={theme} value={theme}>
          {LABELS[theme]}
        </option>
      ))}
    </select>
  );
}
