/**
 * A plan's text as Markdown, written in the browser from the shared schema, for the copy
 * on this device that can no longer be saved (a withdrawn link, a deleted plan, a refused
 * change). The server's report (packages/report) is richer but needs Node; this keeps
 * every word and the structure people see: headings, lists, tables, emphasis, links.
 * Suggested insertions stay as text, suggested deletions are struck through.
 */
import { readRichText } from '@plenary/editor';
import { hasPlan, readPlan, sectionFragmentName } from '@plenary/model';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import type * as Y from 'yjs';

// Characters that would start Markdown syntax where plain text was meant.
const MARKDOWN_SYNTAX = /[\\`*_[\]#|<>~]/g;
const escapeText = (text: string): string => text.replace(MARKDOWN_SYNTAX, '\\$&');

const WRAPS: Readonly<Record<string, string>> = {
  bold: '**',
  italic: '*',
  strike: '~~',
  deletion: '~~',
};

function markedText(text: string, marks: readonly Mark[]): string {
  let out = escapeText(text);
  for (const mark of marks) {
    const wrap = WRAPS[mark.type.name];
    if (wrap) out = `${wrap}${out}${wrap}`;
    else if (mark.type.name === 'underline') out = `<u>${out}</u>`;
    else if (mark.type.name === 'link') out = `[${out}](${String(mark.attrs.href ?? '')})`;
  }
  return out;
}

/** A block's inline content on one line (hard breaks become Markdown line breaks). */
function inline(node: ProseMirrorNode): string {
  let out = '';
  node.forEach((child) => {
    if (child.isText) out += markedText(child.text ?? '', child.marks);
    else if (child.type.name === 'hardBreak') out += '  \n';
    else out += inline(child);
  });
  return out;
}

function tableMarkdown(table: ProseMirrorNode): string[] {
  const rows: string[] = [];
  table.forEach((row, _offset, index) => {
    const cells: string[] = [];
    row.forEach((cell) => {
      const text: string[] = [];
      cell.forEach((block) => {
        text.push(inline(block));
      });
      cells.push(text.join('<br>'));
    });
    rows.push(`| ${cells.join(' | ')} |`);
    if (index === 0) rows.push(`|${cells.map(() => ' --- ').join('|')}|`);
  });
  return rows;
}

/** The blocks of a node as Markdown lines, each line prefixed by `indent`. */
function blocks(node: ProseMirrorNode, indent: string): string[] {
  const lines: string[] = [];
  node.forEach((block) => {
    const name = block.type.name;
    if (name === 'heading') {
      // Section titles are level 2 in the download; the body's headings come below them.
      const level = Math.min(6, Number(block.attrs.level ?? 2) + 1);
      lines.push(`${indent}${'#'.repeat(level)} ${inline(block)}`, '');
    } else if (name === 'bulletList' || name === 'orderedList') {
      let number = Number(block.attrs.start ?? 1);
      block.forEach((item) => {
        const bullet = name === 'bulletList' ? '- ' : `${number++}. `;
        const [first = '', ...rest] = blocks(item, `${indent}${' '.repeat(bullet.length)}`);
        lines.push(`${indent}${bullet}${first.trimStart()}`, ...rest.filter((line) => line));
      });
      lines.push('');
    } else if (name === 'blockquote') {
      lines.push(...blocks(block, `${indent}> `));
    } else if (name === 'table') {
      lines.push(...tableMarkdown(block).map((row) => `${indent}${row}`), '');
    } else if (name === 'horizontalRule') {
      lines.push(`${indent}---`, '');
    } else {
      lines.push(`${indent}${inline(block)}`, '');
    }
  });
  return lines;
}

/** The plan in a doc as one Markdown file: its title, then each section with its text. */
export function planMarkdown(doc: Y.Doc): string {
  if (!hasPlan(doc)) return '';
  const plan = readPlan(doc);
  const lines = [`# ${escapeText(plan.title)}`, ''];
  for (const section of plan.sections) {
    lines.push(`## ${escapeText(section.title)}`, '');
    const body = readRichText(doc.getXmlFragment(sectionFragmentName(section.id)));
    lines.push(...blocks(body, ''));
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
