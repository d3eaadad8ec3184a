/** The outcomes report as one standalone HTML document (UTF-8, Khmer-capable fonts). */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type InlineRun, inlineRuns, LINE_BREAK } from '../inlineRuns.ts';
import {
  describeSuggestion,
  groupOf,
  type ReportDocument,
  type ReportPart,
} from '../reportDocument.ts';
import { REPORT_LABELS, titleFacts } from '../reportText.ts';
import { escapeHtml } from './escapeHtml.ts';

// Noto first (what the app bundles), then the Khmer fonts Windows, macOS and Linux ship.
const FONT_STACK =
  '"Noto Sans", "Noto Sans Khmer", "Khmer OS System", "Khmer OS", "Khmer UI", "Leelawadee UI", "Khmer Sangam MN", sans-serif';

const STYLE = `
body { font-family: ${FONT_STACK}; line-height: 1.6; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; vertical-align: top; text-align: left; }
th { background: #eee; }
.meta { color: #444; }
.groups { list-style: none; padding: 0; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em; border-radius: 2px; }
.group { font-style: italic; }
ins { text-decoration: underline; }
del { text-decoration: line-through; }
`.trim();

// The report title is h1 and section titles h2, so body headings move one level down.
const BODY_HEADING_OFFSET = 1;

function runHtml(run: InlineRun, report: ReportDocument): string {
  if (run.text === LINE_BREAK) return '<br>';
  let html = escapeHtml(run.text);
  if (run.bold) html = `<strong>${html}</strong>`;
  if (run.italic) html = `<em>${html}</em>`;
  if (run.underline) html = `<u>${html}</u>`;
  if (run.strike) html = `<s>${html}</s>`;
  if (run.link) html = `<a href="${escapeHtml(run.link)}">${html}</a>`;
  if (run.change) {
    const tag = run.change.kind === 'insertion' ? 'ins' : 'del';
    const color = groupOf(report, run.change.groupId)?.color;
    const style = color ? ` style="color: ${escapeHtml(color)}"` : '';
    html = `<${tag} title="${escapeHtml(describeSuggestion(report, run.change))}"${style}>${html}</${tag}>`;
  }
  return html;
}

function cellAttributes(cell: ProseMirrorNode): string {
  const span = (name: string) => {
    const value = Number(cell.attrs[name] ?? 1);
    return value > 1 ? ` ${name}="${value}"` : '';
  };
  return `${span('colspan')}${span('rowspan')}`;
}

function blockHtml(node: ProseMirrorNode, report: ReportDocument): string {
  const children = () => {
    const parts: string[] = [];
    node.forEach((child) => {
      parts.push(blockHtml(child, report));
    });
    return parts.join('');
  };
  const inline = () =>
    inlineRuns(node)
      .map((run) => runHtml(run, report))
      .join('');
  switch (node.type.name) {
    case 'paragraph':
      return `<p>${inline()}</p>`;
    case 'heading': {
      const level = Math.min(6, Number(node.attrs.level) + BODY_HEADING_OFFSET);
      return `<h${level}>${inline()}</h${level}>`;
    }
    case 'bulletList':
      return `<ul>${children()}</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs.start ?? 1);
      return `<ol${start !== 1 ? ` start="${start}"` : ''}>${children()}</ol>`;
    }
    case 'listItem':
      return `<li>${children()}</li>`;
    case 'blockquote':
      return `<blockquote>${children()}</blockquote>`;
    case 'horizontalRule':
      return '<hr>';
    case 'table':
      return `<table>${children()}</table>`;
    case 'tableRow':
      return `<tr>${children()}</tr>`;
    case 'tableHeader':
      return `<th${cellAttributes(node)}>${children()}</th>`;
    case 'tableCell':
      return `<td${cellAttributes(node)}>${children()}</td>`;
    default:
      return node.isTextblock ? `<p>${inline()}</p>` : children();
  }
}

function partHtml(part: ReportPart, report: ReportDocument): string {
  const group = part.group
    ? `<p class="group" style="color: ${escapeHtml(part.group.color)}">${escapeHtml(part.group.name)}</p>`
    : '';
  return `<section><h2>${escapeHtml(part.title)}</h2>${group}${blockHtml(part.body, report)}</section>`;
}

function headerHtml(report: ReportDocument): string {
  const { meta } = report;
  const groups = report.groups
    .map(
      (group) =>
        `<li><span class="swatch" style="background: ${escapeHtml(group.color)}"></span>${escapeHtml(group.name)}</li>`,
    )
    .join('');
  return [
    `<h1>${escapeHtml(report.title)}</h1>`,
    `<p class="meta">${titleFacts(meta)
      .map(({ label, value }) => `<strong>${label}:</strong> ${escapeHtml(value)}`)
      .join('<br>')}</p>`,
    groups ? `<h2>${REPORT_LABELS.groups}</h2><ul class="groups">${groups}</ul>` : '',
  ].join('');
}

/** Renders the report as a standalone HTML document. */
export function reportToHtml(report: ReportDocument): string {
  const parts = [...report.sections, ...report.annexes].map((part) => partHtml(part, report));
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body><header>${headerHtml(report)}</header>`,
    `<main>${parts.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}
