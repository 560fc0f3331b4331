/**
 * A message rendered as markdown. react-markdown builds React elements and never renders raw HTML, so the
 * model's text cannot inject markup; code blocks are highlighted like the gallery's and link to their artifact.
 */
import type { Artifact } from "@folio/protocol";
import { memo, useDeferredValue } from "react";
import Markdown from "react-markdown";
import { Link } from "react-router";
import { HighlightedCode } from "../highlight/highlighted-code";

/** Memoised: typing in the message box re-renders the chat, and must not re-parse every message. */
export const MessageMarkdown = memo(function MessageMarkdown({
  content,
  artifacts = [],
}: {
  content: string;
  /** The artifacts saved from this message; each fenced block links to the one made from it. */
  artifacts?: readonly Artifact[];
}) {
  // Parsing markdown is the costly part of a message, so it happens in a deferred, interruptible render: a
  // conversation opens as plain text and turns into markdown message by message without blocking the page, and
  // while an answer streams React skips to the latest text instead of parsing every intermediate one.
  const text = useDeferredValue(content, "");
  if (text === "" && content !== "") {
    return <div className="whitespace-pre-wrap break-words text-sm">{content}</div>;
  }
  return (
    <div className="prose-chat flex flex-col gap-2 text-sm [&_a]:text-indigo-600 [&_a]:underline [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5 dark:[&_a]:text-indigo-300">
      <Markdown
        skipHtml
        remarkPlugins={[numberFencedBlocks]}
        components={{
          pre: ({ node, children }) => {
            const code = node?.children[0];
            const index = code?.type === "element" ? code.properties.dataFencedIndex : undefined;
            const artifact =
              index === undefined
                ? undefined
                : artifacts.find((candidate) => candidate.metadata.index === Number(index));
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
        {text}
      </Markdown>
    </div>
  );
});

interface MdNode {
  type: string;
  position?: { start: { offset?: number } };
  children?: MdNode[];
  data?: { hProperties?: Record<string, unknown> };
}

/**
 * Numbers the fenced code blocks in document order, as @folio/parser does (`metadata.index`), so each rendered
 * block knows its artifact. Indented code blocks are not artifacts and get no number.
 */
function numberFencedBlocks() {
  return (tree: MdNode, file: { value: unknown }) => {
    const source = String(file.value);
    let next = 0;
    const visit = (node: MdNode) => {
      if (node.type === "code") {
        const start = node.position?.start.offset ?? 0;
        if (/^ {0,3}(`{3}|~{3})/.test(source.slice(start, start + 6))) {
          node.data = { ...node.data, hProperties: { ...node.data?.hProperties, dataFencedIndex: next++ } };
        }
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
