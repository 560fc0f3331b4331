/**
 * A message rendered as markdown. react-markdown builds React elements and never renders raw HTML, so the
 * model's text cannot inject markup; code blocks are highlighted like the gallery's.
 */
import Markdown from "react-markdown";
import { HighlightedCode } from "../gallery/highlighted-code";

export function MessageMarkdown({ content }: { content: string }) {
  return (
    <div className="prose-chat flex flex-col gap-2 text-sm [&_a]:text-indigo-600 [&_a]:underline [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5">
      <Markdown
        skipHtml
        components={{
          pre: ({ children }) => <>{children}</>,
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
