import { useEffect, useState } from "react";
import { highlight } from "./highlight";

/** Code shown plain at once, then highlighted when shiki has it ready. */
export function HighlightedCode({ code, language }: { code: string; language: string | null }) {
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    highlight(code, language).then(
      (result) => current && setHtml(result),
      () => current && setHtml(null),
    );
    return () => {
      current = false;
    };
  }, [code, language]);

  if (html === null) {
    return (
      <pre className="overflow-hidden text-xs leading-5">
        <code>{code}</code>
      </pre>
    );
  }
  // shiki escapes the code it renders; this HTML holds no user markup.
  return (
    <div
      className="overflow-hidden text-xs leading-5 [&_pre]:overflow-hidden"
      data-highlighted="true"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: shiki output, escaped
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
