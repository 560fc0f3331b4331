/**
 * A code editor with highlighting, line numbers, undo, bracket matching and search: CodeMirror 6, loaded only
 * when someone edits (it is not part of the page's first JavaScript), with the artifact's language loaded on
 * demand. Until it is ready, a plain textarea holds the text, so typing never waits.
 */
import type { EditorView } from "@codemirror/view";
import { useEffect, useRef, useState } from "react";

// Folio's language names that CodeMirror knows by another.
const EDITOR_LANGUAGE: Record<string, string> = { bash: "shell", svg: "xml" };

async function loadEditor() {
  const [{ basicSetup }, view, state, language, data, dark] = await Promise.all([
    import("codemirror"),
    import("@codemirror/view"),
    import("@codemirror/state"),
    import("@codemirror/language"),
    import("@codemirror/language-data"),
    import("@codemirror/theme-one-dark"),
  ]);
  return { basicSetup, view, state, language, data, dark };
}

export function CodeEditor({
  value,
  onChange,
  language,
  label,
  rows,
}: {
  value: string;
  onChange(value: string): void;
  language: string | null;
  /** The accessible name of the editing area. */
  label: string;
  rows: number;
}) {
  const host = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  // The editor owns the text once it exists; these refs let it start from, and report to, the latest props.
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is built once; it reads props through refs
  useEffect(() => {
    let editor: EditorView | null = null;
    let cancelled = false;
    loadEditor().then(
      async ({ basicSetup, view, state, language: lang, data, dark }) => {
        if (cancelled || !host.current) return;
        const languageSlot = new state.Compartment();
        const hadFocus = document.activeElement?.getAttribute("data-editor-fallback") === "true";
        editor = new view.EditorView({
          parent: host.current,
          state: state.EditorState.create({
            doc: latest.current.value,
            extensions: [
              basicSetup,
              view.EditorView.lineWrapping,
              view.EditorView.contentAttributes.of({ "aria-label": label }),
              view.EditorView.updateListener.of((update) => {
                if (update.docChanged) latest.current.onChange(update.state.doc.toString());
              }),
              document.documentElement.classList.contains("dark") ? dark.oneDark : [],
              languageSlot.of([]),
            ],
          }),
        });
        setReady(true);
        if (hadFocus) editor.focus();
        const name = language === null ? null : (EDITOR_LANGUAGE[language] ?? language);
        const description =
          name === null ? null : lang.LanguageDescription.matchLanguageName(data.languages, name, true);
        if (description) {
          const support = await description.load();
          if (!cancelled) editor.dispatch({ effects: languageSlot.reconfigure(support) });
        }
      },
      (error) => console.warn("the code editor did not load; editing stays plain", error),
    );
    return () => {
      cancelled = true;
      editor?.destroy();
    };
  }, []);

  return (
    <div>
      {!ready && (
        <textarea
          aria-label={label}
          data-editor-fallback="true"
          value={value}
          spellCheck={false}
          rows={rows}
          onChange={(event) => onChange(event.target.value)}
          className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        />
      )}
      <div
        ref={host}
        data-testid="code-editor"
        className={
          ready
            ? "overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700 [&_.cm-editor]:max-h-96"
            : "hidden"
        }
      />
    </div>
  );
}
