/**
 * The outcomes report as a Word document: a title page, the sections with real Word
 * headings, numbering and tables, and pending suggestions as Word tracked changes
 * (`w:ins`/`w:del` with author and date) when the caller asks for them.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import {
  BorderStyle,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type InlineRun, inlineRuns, LINE_BREAK } from '../inlineRuns.ts';
import type { ReportDocument, ReportPart } from '../reportDocument.ts';
import { REPORT_LABELS, titleFacts } from '../reportText.ts';
import { columnSpan, tableColumnCount } from '../tableColumns.ts';
import {
  BULLET_REFERENCE,
  listIndent,
  numbering,
  orderedReference,
  REPORT_STYLES,
} from './docxStyles.ts';

type Block = Paragraph | Table;

// A4 less 2.54 cm margins, in twentieths of a point.
const TEXT_WIDTH = 9026;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];
const HEADER_FILL = 'EEEEEE';
const LINK_COLOR = '0563C1';

/** Where a paragraph sits in a list: which numbering, which list of it and how deep. */
interface ListPlace {
  reference: string;
  instance: number;
  level: number;
}

// State of one conversion: Word wants unique ids for lists and for tracked changes.
interface Conversion {
  nextInstance: number;
  nextChangeId: number;
  orderedStarts: Set<number>;
}

const hex = (color: string): string => color.replace('#', '').toUpperCase();

function runOf(run: InlineRun, conversion: Conversion): ParagraphChild {
  if (run.text === LINE_BREAK) return new TextRun({ break: 1 });
  const options = {
    text: run.text,
    bold: run.bold,
    boldComplexScript: run.bold,
    italics: run.italic,
    italicsComplexScript: run.italic,
    strike: run.strike,
    ...(run.underline || run.link ? { underline: {} } : {}),
    ...(run.link ? { color: LINK_COLOR } : {}),
  };
  const { change } = run;
  if (!change) return new TextRun(options);
  const revision = {
    id: conversion.nextChangeId++,
    author: change.authorName,
    date: change.createdAt ?? new Date(0).toISOString(),
  };
  return change.kind === 'insertion'
    ? new InsertedTextRun({ ...options, ...revision })
    : new DeletedTextRun({ ...options, ...revision });
}

// Consecutive runs with the same link target become one Word hyperlink.
function paragraphChildren(block: ProseMirrorNode, conversion: Conversion): ParagraphChild[] {
  const children: ParagraphChild[] = [];
  let link: { href: string; runs: ParagraphChild[] } | null = null;
  const closeLink = () => {
    if (link) children.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
    link = null;
  };
  for (const run of inlineRuns(block)) {
    if (run.link !== (link as { href: string } | null)?.href) closeLink();
    const child = runOf(run, conversion);
    if (run.link) {
      link ??= { href: run.link, runs: [] };
      link.runs.push(child);
    } else {
      children.push(child);
    }
  }
  closeLink();
  return children;
}

// Where a block sits: inside which list item (for the indent) and whether in a quote.
interface Place {
  list: ListPlace | null;
  quote: boolean;
}

const TOP: Place = { list: null, quote: false };
const QUOTE_INDENT = 567;

function paragraphAt(place: Place, options: ConstructorParameters<typeof Paragraph>[0] & object) {
  const left = (place.list ? listIndent(place.list.level) : 0) + (place.quote ? QUOTE_INDENT : 0);
  return new Paragraph({
    ...(left > 0 && !('numbering' in options) ? { indent: { left } } : {}),
    ...(place.quote
      ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BBBBBB', space: 8 } } }
      : {}),
    ...options,
  });
}

function cellBlocks(cell: ProseMirrorNode, conversion: Conversion): Block[] {
  const blocks = childBlocks(cell, conversion, TOP);
  // Word needs a paragraph at the end of every cell.
  return blocks.length > 0 ? blocks : [new Paragraph({})];
}

function tableOf(node: ProseMirrorNode, conversion: Conversion): Table {
  const columns = tableColumnCount(node);
  const rows: TableRow[] = [];
  node.forEach((row) => {
    let headerRow = row.childCount > 0;
    const cells: TableCell[] = [];
    row.forEach((cell) => {
      const header = cell.type.name === 'tableHeader';
      headerRow &&= header;
      cells.push(
        new TableCell({
          children: cellBlocks(cell, conversion),
          columnSpan: columnSpan(cell),
          rowSpan: Number(cell.attrs.rowspan ?? 1),
          ...(header
            ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } }
            : {}),
        }),
      );
    });
    rows.push(new TableRow({ children: cells, tableHeader: headerRow }));
  });
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: Array.from({ length: columns }, () => Math.floor(TEXT_WIDTH / columns)),
  });
}

function listBlocks(list: ProseMirrorNode, conversion: Conversion, place: Place): Block[] {
  const ordered = list.type.name === 'orderedList';
  const start = Number(list.attrs.start ?? 1);
  if (ordered) conversion.orderedStarts.add(start);
  const inner: Place = {
    quote: place.quote,
    list: {
      reference: ordered ? orderedReference(start) : BULLET_REFERENCE,
      instance: conversion.nextInstance++,
      level: place.list ? Math.min(8, place.list.level + 1) : 0,
    },
  };
  const blocks: Block[] = [];
  list.forEach((item) => {
    item.forEach((child, _offset, index) => {
      if (index === 0 && child.isTextblock && inner.list) {
        const { reference, level, instance } = inner.list;
        blocks.push(
          paragraphAt(inner, {
            children: paragraphChildren(child, conversion),
            numbering: { reference, level, instance },
          }),
        );
      } else {
        // Nested lists go one level deeper; later paragraphs line up with the item's text.
        blocks.push(...blockOf(child, conversion, inner));
      }
    });
  });
  return blocks;
}

function blockOf(node: ProseMirrorNode, conversion: Conversion, place: Place): Block[] {
  switch (node.type.name) {
    case 'heading':
      return [
        paragraphAt(place, {
          heading: HEADINGS[Math.min(HEADINGS.length, Number(node.attrs.level)) - 1],
          children: paragraphChildren(node, conversion),
        }),
      ];
    case 'bulletList':
    case 'orderedList':
      return listBlocks(node, conversion, place);
    case 'table':
      return [tableOf(node, conversion)];
    case 'blockquote':
      return childBlocks(node, conversion, { ...place, quote: true });
    case 'horizontalRule':
      return [
        paragraphAt(place, {
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } },
        }),
      ];
    default:
      return node.isTextblock
        ? [paragraphAt(place, { children: paragraphChildren(node, conversion) })]
        : childBlocks(node, conversion, place);
  }
}

function childBlocks(node: ProseMirrorNode, conversion: Conversion, place: Place): Block[] {
  const blocks: Block[] = [];
  node.forEach((child) => {
    blocks.push(...blockOf(child, conversion, place));
  });
  return blocks;
}

function titlePage(report: ReportDocument): Paragraph[] {
  const { meta } = report;
  const line = (label: string, value: string) =>
    new Paragraph({
      children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
    });
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(report.title)] }),
    ...titleFacts(meta).map(({ label, value }) => line(label, value)),
    ...(report.groups.length > 0
      ? [
          new Paragraph({
            spacing: { before: 480 },
            children: [new TextRun({ text: REPORT_LABELS.groups, bold: true })],
          }),
        ]
      : []),
    ...report.groups.map(
      (group) =>
        new Paragraph({
          children: [
            new TextRun({ text: '\u25A0 ', color: hex(group.color) }),
            new TextRun(group.name),
          ],
        }),
    ),
  ];
}

function partBlocks(part: ReportPart, conversion: Conversion, newPage: boolean): Block[] {
  const blocks: Block[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      pageBreakBefore: newPage,
      children: [new TextRun(part.title)],
    }),
  ];
  if (part.group) {
    blocks.push(
      new Paragraph({
        children: [
          new TextRun({ text: part.group.name, italics: true, color: hex(part.group.color) }),
        ],
      }),
    );
  }
  blocks.push(...childBlocks(part.body, conversion, TOP));
  return blocks;
}

/** Renders the report as a .docx file. */
export async function reportToDocx(report: ReportDocument): Promise<Uint8Array> {
  const conversion: Conversion = { nextInstance: 1, nextChangeId: 1, orderedStarts: new Set([1]) };
  const children: Block[] = [...titlePage(report)];
  report.sections.forEach((part, index) => {
    children.push(...partBlocks(part, conversion, index === 0));
  });
  for (const annex of report.annexes) children.push(...partBlocks(annex, conversion, true));
  const document = new Document({
    title: report.title,
    styles: REPORT_STYLES,
    numbering: numbering(conversion.orderedStarts),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
