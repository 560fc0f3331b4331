/**
 * Light and dark themes: the person's choice (light, dark, or follow the system) is kept in localStorage and
 * applied as the `dark` class on <html>, which Tailwind's `dark:` variant and the shiki colours follow.
 */
export const THEMES = ["system", "light", "dark"] as const;
export type ThemeChoice = (typeof THEMES)[number];

const STORAGE_KEY = "folio-theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (THEMES as readonly string[]).includes(value ?? "") ? (value as ThemeChoice) : "system";
  } catch {
    return "system"; // storage can be unavailable (private modes, blocked cookies)
  }
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark" || (choice === "system" && matchMedia(DARK_QUERY).matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

export function saveTheme(choice: ThemeChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // The choice still applies to this page.
  }
  applyTheme(choice);
}

/** Follows the system's scheme while the choice is "system"; returns the unsubscribe function. */
export function followSystemTheme(choice: ThemeChoice): () => void {
  const query = matchMedia(DARK_QUERY);
  const onChange = () => applyTheme(choice);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** Runs in <head> before the first paint so a dark page never flashes light. Mirrors storedTheme + applyTheme. */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem("${STORAGE_KEY}");var d=t==="dark"||(t!=="light"&&matchMedia("${DARK_QUERY}").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.style.colorScheme=d?"dark":"light"}catch(e){}`;
