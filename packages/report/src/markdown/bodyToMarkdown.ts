/**
 * Section bodies as Markdown: CommonMark with GFM tables and strikethrough, and inline
 * HTML for what Markdown lacks (`<u>` underline, `<ins>`/`<del>` for tracked suggestions).
 * `parseMarkdown` reads all of it back.
 */

import { safeLinkTarget } from '@plenary/model';
import { Fragment, type Mark, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { MarkdownSerializer, type MarkdownSerializerState } from 'prosemirror-markdown';
import { escapeHtml } from '../html/escapeHtml.ts';
import { SUGGESTION_MARKS } from '../suggestionMarks.ts';

/** How to write a body: heading shift and how to describe a suggestion mark. */
export interface BodyMarkdownOptions {
  /** Added to every heading level (section titles take level 1 in a whole report). */
  headingOffset: number;
  /** Tooltip text of a suggestion mark; needed only when bodies still carry suggestions. */
  describeSuggestion?: (mark: Mark) => string;
}

// `|` ends a table cell, `<` and `&` would start inline HTML or an entity on the way back.
const ESCAPE_EXTRA = /[|<&]/g;
// GFM table cells hold one line, so a cell's paragraphs and line breaks become <br>.
const CELL_BREAK = '<br>';

type MarkSerializerSpec = MarkdownSerializer['marks'][string];

const emphasis = (delimiter: string): MarkSerializerSpec => ({
  open: delimiter,
  close: delimiter,
  mixable: true,
  expelEnclosingWhitespace: true,
});

const htmlMark = (tag: string, title?: (mark: Mark) => string): MarkSerializerSpec => ({
  open: (_state, mark) => (title ? `<${tag} title="${escapeHtml(title(mark))}">` : `<${tag}>`),
  close: `</${tag}>`,
});

// Characters that would end a link destination or read as HTML, percent-encoded; `(`
// and `)` are escaped instead so that the target reads back unchanged.
const LINK_DESTINATION_UNSAFE = /[\s<>]/g;

const linkDestination = (href: string): string =>
  href.replace(LINK_DESTINATION_UNSAFE, encodeURIComponent).replace(/[()]/g, '\\$&');

// A link whose target a report does not keep is written as its text alone.
const linkMark: MarkSerializerSpec = {
  open: (_state, mark) => (safeLinkTarget(mark.attrs.href) === null ? '' : '['),
  close: (_state, mark) => {
    const href = safeLinkTarget(mark.attrs.href);
    return href === null ? '' : `](${linkDestination(href)})`;
  },
};

type NodeWriter = (
  state: MarkdownSerializerState,
  node: ProseMirrorNode,
  parent: ProseMirrorNode,
  index: number,
) => void;

function markSpecs(options: BodyMarkdownOptions): Record<string, MarkSerializerSpec> {
  const describe = options.describeSuggestion ?? (() => '');
  return {
    bold: emphasis('**'),
    italic: emphasis('*'),
    strike: emphasis('~~'),
    underline: htmlMark('u'),
    link: linkMark,
    [SUGGESTION_MARKS.insertion]: htmlMark('ins', describe),
    [SUGGESTION_MARKS.deletion]: htmlMark('del', describe),
  };
}

function inlineNodes(hardBreak: NodeWriter): Record<string, NodeWriter> {
  return {
    paragraph: (state, node) => {
      state.renderInline(node);
      state.closeBlock(node);
    },
    text: (state, node) => state.text(node.text ?? ''),
    hardBreak,
  };
}

// Writes a hard break unless it ends its block, where Markdown cannot keep it.
const breakUnlessLast =
  (markup: string): NodeWriter =>
  (state, node, parent, index) => {
    for (let i = index + 1; i < parent.childCount; i++) {
      if (parent.child(i).type !== node.type) {
        state.write(markup);
        return;
      }
    }
  };

// A serializer for one table cell's content, written on a single line.
function cellSerializer(options: BodyMarkdownOptions): MarkdownSerializer {
  return new MarkdownSerializer(inlineNodes(breakUnlessLast(CELL_BREAK)), markSpecs(options), {
    escapeExtraCharacters: ESCAPE_EXTRA,
    hardBreakNodeName: 'hardBreak',
  });
}

function tableWriter(options: BodyMarkdownOptions): NodeWriter {
  const cells = cellSerializer(options);
  // Each textblock of a cell (paragraphs, but also headings or list items people put there)
  // is written as one paragraph of the line.
  const cellText = (cell: ProseMirrorNode): string => {
    const parts: string[] = [];
    cell.descendants((block) => {
      if (!block.isTextblock) return true;
      parts.push(cells.serialize(cell.copy(Fragment.from(paragraphOf(block)))));
      return false;
    });
    return parts.filter((part) => part !== '').join(CELL_BREAK) || ' ';
  };
  return (state, node) => {
    node.forEach((row, _offset, rowIndex) => {
      const texts: string[] = [];
      row.forEach((cell) => {
        texts.push(cellText(cell));
      });
      state.write(`| ${texts.join(' | ')} |`);
      state.ensureNewLine();
      if (rowIndex === 0) {
        state.write(`|${texts.map(() => ' --- ').join('|')}|`);
        state.ensureNewLine();
      }
    });
    state.closeBlock(node);
  };
}

const paragraphOf = (block: ProseMirrorNode): ProseMirrorNode =>
  block.type.name === 'paragraph'
    ? block
    : block.type.schema.node('paragraph', null, block.content);

function bodySerializer(options: BodyMarkdownOptions): MarkdownSerializer {
  const nodes: Record<string, NodeWriter> = {
    ...inlineNodes(breakUnlessLast('\\\n')),
    heading: (state, node) => {
      state.write(`${'#'.repeat(Number(node.attrs.level) + options.headingOffset)} `);
      state.renderInline(node, false);
      state.closeBlock(node);
    },
    blockquote: (state, node) => state.wrapBlock('> ', null, node, () => state.renderContent(node)),
    horizontalRule: (state, node) => {
      state.write('---');
      state.closeBlock(node);
    },
    bulletList: (state, node) => state.renderList(node, '  ', () => '- '),
    orderedList: (state, node) => {
      const start = Number(node.attrs.start ?? 1);
      const width = String(start + node.childCount - 1).length;
      state.renderList(
        node,
        ' '.repeat(width + 2),
        (i) => `${String(start + i).padStart(width)}. `,
      );
    },
    listItem: (state, node) => state.renderContent(node),
    table: tableWriter(options),
  };
  return new MarkdownSerializer(nodes, markSpecs(options), {
    escapeExtraCharacters: ESCAPE_EXTRA,
    hardBreakNodeName: 'hardBreak',
  });
}

/** A section body (a `doc` node of the plan schema) as Markdown. */
export function bodyToMarkdown(body: ProseMirrorNode, options: BodyMarkdownOptions): string {
  // Loose lists: in a tight one, a nested numbered list that does not start at 1 would
  // read as the item's text (CommonMark lets only "1." interrupt a paragraph).
  return bodySerializer(options).serialize(body, { tightLists: false });
}
