/**
 * Generated markdown for differential tests: lines built from the pieces that decide block structure (container
 * markers, indentation, tabs, fences of both kinds and lengths, HTML, link reference definitions, setext
 * underlines, thematic breaks, lazy text, text holding HTML end markers), joined by every kind of line ending.
 */
import fc from "fast-check";

const prefix = fc.constantFrom(
  "",
  "",
  "",
  " ",
  "  ",
  "   ",
  "    ",
  "\t",
  " \t",
  "> ",
  ">",
  "> > ",
  "- ",
  "* ",
  "+ ",
  "1. ",
  "2) ",
  "10. ",
  "-\t",
  "  - ",
  "   > ",
  "- > ",
  "> - ",
  "1.  ",
  "-    ",
  "-     ",
);

const body = fc.constantFrom(
  "```",
  "```",
  "```js",
  '``` js title="a\\`b"',
  "```ts src/App.tsx",
  "````",
  "````markdown",
  "~~~",
  "~~~~ py",
  "~~~ a`b",
  "``` a`b",
  "```  ",
  "``",
  "``~~~",
  "~~~```",
  "```&amp; &#x41; \\*x&bogus;",
  "code line",
  "  indented code",
  "\tx",
  "",
  "",
  "   ",
  "text",
  "more text",
  "text --> </pre> ?> ]]>",
  "word ``` ~~~ [x]: /u",
  '"title"',
  "<div>",
  "</div>",
  "<!-- c",
  "-->",
  "<pre>",
  "</pre>",
  '<a href="x">',
  '[ref]: /url "title"',
  "[ref]:",
  "/url",
  "===",
  "---",
  "***",
  "# Heading",
  "- item",
  "1. item",
);

const lineEnding = fc.constantFrom("\n", "\n", "\n", "\r\n", "\r");

export const markdownDocument = fc
  .array(fc.tuple(prefix, fc.array(prefix, { maxLength: 2 }), body, lineEnding), { maxLength: 24 })
  .chain((lines) =>
    fc
      .boolean()
      .map((finalEnding) =>
        lines
          .map(
            ([first, more, text, ending], i) =>
              `${first}${more.join("")}${text}${i < lines.length - 1 || finalEnding ? ending : ""}`,
          )
          .join(""),
      ),
  );
