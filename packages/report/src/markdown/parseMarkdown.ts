/**
 * Markdown to a section body of the plan schema: everything `bodyToMarkdown` writes comes
 * back as it was, and what the schema cannot hold (images, code, raw HTML) is named in
 * `unsupported` so an import can tell people what it left out.
 */
import { planSchema } from '@plenary/editor';
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import MarkdownIt, { type MarkdownIt as MarkdownTokenizer, type Token } from 'markdown-it';
import { MarkdownParser } from 'prosemirror-markdown';

/** A parsed body and the kinds of content that could not be kept. */
export interface ParsedMarkdown {
  doc: ProseMirrorNode;
  /** Human-readable names of what was dropped or simplified, each once. */
  unsupported: string[];
}

const MIN_HEADING = 2;
const MAX_HEADING = 4;

// Inline HTML that stands for marks and breaks Markdown has no syntax for.
const HTML_TOKENS: Record<string, string> = {
  '<u>': 'u_open',
  '</u>': 'u_close',
  '<br>': 'hardbreak',
  '<br/>': 'hardbreak',
  '<br />': 'hardbreak',
};

/** The Markdown dialect Plenary reads: CommonMark with tables and strikethrough. */
export function markdownTokenizer(): MarkdownTokenizer {
  return MarkdownIt('commonmark', { html: true }).enable(['table', 'strikethrough']);
}

function token(type: string, tag: string, nesting: Token['nesting']): Token {
  return new MarkdownIt.Token(type, tag, nesting);
}

// Rewrites the inline tokens of one block; returns the tokens to keep.
function normalizeInline(children: Token[], unsupported: Set<string>): Token[] {
  const kept: Token[] = [];
  for (const child of children) {
    if (child.type === 'html_inline') {
      const tag = child.content.trim().toLowerCase();
      const type = HTML_TOKENS[tag];
      if (type) {
        child.type = type;
        kept.push(child);
      } else if (/^<\/?(ins|del)\b/.test(tag)) {
        unsupported.add('suggestion markup (the text was kept as it is)');
      } else {
        unsupported.add('inline HTML');
      }
    } else if (child.type === 'image') {
      unsupported.add('images');
    } else if (child.type === 'code_inline') {
      unsupported.add('code formatting (the text was kept)');
      child.type = 'text';
      kept.push(child);
    } else {
      kept.push(child);
    }
  }
  return kept;
}

// Code blocks become paragraphs of their text, one line per hard break.
function codeAsParagraph(code: Token): Token[] {
  const inline = token('inline', '', 0);
  inline.children = code.content
    .replace(/\n$/, '')
    .split('\n')
    .flatMap((line, i) => {
      const text = token('text', '', 0);
      text.content = line;
      return i === 0 ? [text] : [token('hardbreak', 'br', 0), text];
    });
  return [token('paragraph_open', 'p', 1), inline, token('paragraph_close', 'p', -1)];
}

// Table cells of the schema hold blocks, so a cell's inline content gets a paragraph.
const CELL_OPEN = new Set(['th_open', 'td_open']);

function normalizeBlocks(tokens: Token[], env: ParseEnv): Token[] {
  const { unsupported, headingShift } = env;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const current = tokens[i] as Token;
    if (
      headingShift !== 0 &&
      (current.type === 'heading_open' || current.type === 'heading_close')
    ) {
      current.tag = `h${Number(current.tag.slice(1)) - headingShift}`;
    }
    if (current.type === 'html_block') {
      unsupported.add('HTML blocks');
      continue;
    }
    if (current.type === 'code_block' || current.type === 'fence') {
      unsupported.add('code blocks (the text was kept as paragraphs)');
      out.push(...codeAsParagraph(current));
      continue;
    }
    if (current.type === 'inline') {
      current.children = normalizeInline(current.children ?? [], unsupported);
    }
    const previous = out[out.length - 1];
    const inCell = current.type === 'inline' && previous && CELL_OPEN.has(previous.type);
    if (inCell) out.push(token('paragraph_open', 'p', 1));
    out.push(current);
    if (inCell) out.push(token('paragraph_close', 'p', -1));
  }
  return out;
}

const clampHeading = (level: number): number => Math.min(MAX_HEADING, Math.max(MIN_HEADING, level));

// What the parse found unsupported, and how far headings move up, travel in markdown-it's
// env, so one parser serves all. A type alias (not an interface) so that it fits
// markdown-it's index-signature Env.
type ParseEnv = {
  unsupported: Set<string>;
  headingShift: number;
  references?: MarkdownReferences;
};

/** Link reference definitions (`[label]: url`) by label, as markdown-it collects them. */
export type MarkdownReferences = Record<string, { href: string; title: string }>;

function markdownParser(schema: Schema): MarkdownParser {
  const markdownIt = markdownTokenizer();
  const normalizing = {
    parse: (source: string, env: ParseEnv) => normalizeBlocks(markdownIt.parse(source, env), env),
  } as unknown as ConstructorParameters<typeof MarkdownParser>[1];
  return new MarkdownParser(schema, normalizing, {
    paragraph: { block: 'paragraph' },
    heading: {
      block: 'heading',
      getAttrs: (tok) => ({ level: clampHeading(Number(tok.tag.slice(1))) }),
    },
    blockquote: { block: 'blockquote' },
    hr: { node: 'horizontalRule' },
    bullet_list: { block: 'bulletList' },
    ordered_list: {
      block: 'orderedList',
      getAttrs: (tok) => ({ start: Number(tok.attrGet('start') ?? 1) }),
    },
    list_item: { block: 'listItem' },
    table: { block: 'table' },
    thead: { ignore: true },
    tbody: { ignore: true },
    tr: { block: 'tableRow' },
    th: { block: 'tableHeader' },
    td: { block: 'tableCell' },
    hardbreak: { node: 'hardBreak' },
    strong: { mark: 'bold' },
    em: { mark: 'italic' },
    s: { mark: 'strike' },
    u: { mark: 'underline' },
    link: { mark: 'link', getAttrs: (tok) => ({ href: tok.attrGet('href') }) },
  });
}

let parser: MarkdownParser | null = null;

/**
 * Parses Markdown into a section body of the plan schema. `headingShift` moves headings
 * up that many levels first (an import whose sections are `##` makes `###` level 2), and
 * `references` resolves reference links defined elsewhere in the file the part came from.
 */
export function parseMarkdown(
  markdown: string,
  options: { headingShift?: number; references?: MarkdownReferences } = {},
): ParsedMarkdown {
  parser ??= markdownParser(planSchema());
  const env: ParseEnv = {
    unsupported: new Set(),
    headingShift: options.headingShift ?? 0,
    // A copy: markdown-it adds the part's own definitions to it.
    ...(options.references ? { references: { ...options.references } } : {}),
  };
  const doc = parser.parse(markdown, env);
  return { doc, unsupported: [...env.unsupported] };
}
