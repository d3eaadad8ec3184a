/**
 * Markdown as an outline: markdown-it's top-level blocks, each with the source lines it
 * spans, so a run of blocks is parsed by `parseMarkdown` as a section body of its own.
 */
import type { ImportProblem } from '@plenary/model';
import type { Token } from 'markdown-it';
import {
  type MarkdownReferences,
  markdownTokenizer,
  parseMarkdown,
} from '../markdown/parseMarkdown.ts';
import type { OutlineBlock, OutlineDocument } from './outlineStructure.ts';

// Words of the heading's inline content; marks and raw HTML add none.
function inlineText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .map((child) => {
      if (child.type === 'text' || child.type === 'code_inline') return child.content;
      if (child.type === 'softbreak' || child.type === 'hardbreak') return ' ';
      return '';
    })
    .join('');
}

function problemOf(unsupported: string, where: string | undefined): ImportProblem {
  const at = where === undefined ? {} : { where };
  if (unsupported === 'images') {
    return { code: 'image', message: 'Pictures were left out: a plan holds text only.', ...at };
  }
  return {
    code: 'markdown',
    message: `Some Markdown has no match in the plan: ${unsupported}.`,
    detail: unsupported,
    ...at,
  };
}

/** Reads Markdown source as an outline of its top-level blocks. */
export function markdownOutline(source: string): OutlineDocument {
  const text = source.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const env: { references?: MarkdownReferences } = {};
  const tokens = markdownTokenizer().parse(text, env);
  const blocks: OutlineBlock[] = [];
  // The line each block starts on; the first block also takes any lines before it.
  const starts: number[] = [];
  tokens.forEach((token, i) => {
    if (token.level !== 0 || token.nesting === -1 || !token.map) return;
    starts.push(blocks.length === 0 ? 0 : token.map[0]);
    const heading = token.type === 'heading_open' ? inlineText(tokens[i + 1]) : '';
    // An empty `#` line is no section.
    blocks.push(
      heading.trim() !== ''
        ? { kind: 'heading', level: Number(token.tag.slice(1)), text: heading }
        : { kind: 'other' },
    );
  });

  const body = (from: number, to: number, shift: number, where: string | undefined) => {
    const part = lines.slice(starts[from] ?? lines.length, starts[to] ?? lines.length).join('\n');
    const parsed = parseMarkdown(part, {
      headingShift: shift,
      ...(env.references ? { references: env.references } : {}),
    });
    return { doc: parsed.doc, problems: parsed.unsupported.map((u) => problemOf(u, where)) };
  };
  return { blocks, body, problems: [] };
}
