import { useEffect, useRef, useState } from "react";
import { cachedHighlight, highlight } from "./highlight";

// Start highlighting a little before the code scrolls into view.
const NEAR_VIEW = "300px";

/**
 * Code shown plain at once, then highlighted when shiki has it ready. Only code on or near the screen is
 * highlighted, so a long conversation or a large gallery costs no more than what is in view.
 */
export function HighlightedCode({ code, language }: { code: string; language: string | null }) {
  const [html, setHtml] = useState<string | null>(() => cachedHighlight(code, language));
  const [near, setNear] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => setNear(entries.some((entry) => entry.isIntersecting)),
      {
        rootMargin: NEAR_VIEW,
      },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    setHtml(cachedHighlight(code, language));
    if (!near) return;
    let current = true;
    highlight(code, language).then(
      (result) => current && setHtml(result),
      () => current && setHtml(null),
    );
    return () => {
      current = false;
    };
  }, [code, language, near]);

  return (
    <div ref={ref}>
      {html === null ? (
        <pre className="overflow-hidden text-xs leading-5">
          <code>{code}</code>
        </pre>
      ) : (
        // shiki escapes the code it renders; this HTML holds no user markup.
        <div
          className="overflow-hidden text-xs leading-5 [&_pre]:overflow-hidden"
          data-highlighted="true"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: shiki output, escaped
          dangerouslySetInnerHTML={{ __html: html }}
        />
      )}
    </div>
  );
}
