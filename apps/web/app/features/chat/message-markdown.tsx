/**
 * A message rendered as markdown. react-markdown builds React elements and never renders raw HTML, so the
 * model's text cannot inject markup; code blocks are highlighted like the gallery's and link to their artifact.
 */
import { extractCodeBlocks } from "@folio/parser";
import type { Artifact } from "@folio/protocol";
import { useMemo } from "react";
import Markdown from "react-markdown";
import { Link } from "react-router";
import { HighlightedCode } from "../gallery/highlighted-code";

export function MessageMarkdown({
  content,
  artifacts = [],
}: {
  content: string;
  /** The artifacts saved from this message; each fenced block links to the one made from it. */
  artifacts?: readonly Artifact[];
}) {
  // Where each fenced block lies, to tell which artifact a rendered code block became.
  const blocks = useMemo(
    () => (artifacts.length > 0 ? extractCodeBlocks(content) : []),
    [content, artifacts],
  );
  return (
    <div className="prose-chat flex flex-col gap-2 text-sm [&_a]:text-indigo-600 [&_a]:underline [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 dark:[&_a]:text-indigo-300">
      <Markdown
        skipHtml
        components={{
          pre: ({ node, children }) => {
            const offset = node?.position?.start.offset ?? -1;
            const block = blocks.find((candidate) => offset >= candidate.start && offset < candidate.end);
            const artifact = block && artifacts.find((candidate) => candidate.metadata.index === block.index);
            return (
              <div className="flex flex-col gap-1">
                {children}
                {artifact && (
                  <Link to={`/s/${artifact.sessionId}/a/${artifact.id}`} className="self-end text-xs">
                    Open {artifact.title}
                  </Link>
                )}
              </div>
            );
          },
          code: ({ className, children }) => {
            const language = /language-(\S+)/.exec(className ?? "")?.[1] ?? null;
            const text = String(children);
            if (language === null && !text.includes("\n")) {
              return <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{children}</code>;
            }
            return (
              <div className="rounded-lg bg-slate-50 p-2 dark:bg-slate-950">
                <HighlightedCode code={text.replace(/\n$/, "")} language={language} />
              </div>
            );
          },
        }}
      >
        {content}
      </Markdown>
    </div>
  );
}
