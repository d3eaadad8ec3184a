/**
 * The outcomes report as a PDF, with no browser: HarfBuzz shapes the text, lines break
 * between words (Khmer ones too) and every run carries its logical text for copy and search.
 */
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { type InlineRun, inlineRuns } from '../inlineRuns.ts';
import { groupOf, type ReportDocument, type ReportPart } from '../reportDocument.ts';
import { REPORT_LABELS, titleFacts } from '../reportText.ts';
import { columnSpan, tableColumnCount } from '../tableColumns.ts';
import { createShaper, type Shaper } from './harfbuzzShaper.ts';
import { type BlockType, layoutInline, type Rgb, type RunLook } from './inlineLayout.ts';
import { type FlowItem, PdfPages } from './PdfPages.ts';

const TYPE = {
  title: { size: 24, leading: 1.5 },
  section: { size: 16, leading: 1.55 },
  body: { size: 10.5, leading: 1.75 },
  label: { size: 10, leading: 1.7 },
} satisfies Record<string, BlockType>;
const HEADING_SIZES: Record<number, number> = { 2: 13.5, 3: 12, 4: 11 };

const TEXT: Rgb = [0.1, 0.1, 0.1];
const HEADING: Rgb = [0.12, 0.22, 0.39];
const LINK: Rgb = [0.02, 0.39, 0.76];
const RULE: Rgb = [0.6, 0.6, 0.6];
const HEADER_FILL: Rgb = [0.93, 0.93, 0.93];
const SUGGESTION: Record<'insertion' | 'deletion', Rgb> = {
  insertion: [0.1, 0.5, 0.2],
  deletion: [0.75, 0.1, 0.1],
};

const LIST_INDENT = 18;
const QUOTE_INDENT = 14;
const CELL_PADDING = 4;
const TITLE_DROP = 180;

/** "#1f77b4" as RGB; a neutral grey for anything else. */
function rgbOf(hex: string): Rgb {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return [0.33, 0.33, 0.33];
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) / 255, ((value >> 8) & 255) / 255, (value & 255) / 255];
}

const plainRun = (text: string, bold = false, italic = false): InlineRun => ({
  text,
  bold,
  italic,
  underline: false,
  strike: false,
  link: null,
  change: null,
});

// Where blocks are laid out: the column and what the text looks like by default.
interface Column {
  x: number;
  width: number;
  /** Quote bars to draw beside every line, at these x positions. */
  bars: number[];
  /** How many lists deep, for the bullet shape. */
  depth: number;
}

/** A table cell laid out: where it is, and its lines. */
interface TableCell {
  x: number;
  width: number;
  header: boolean;
  items: FlowItem[];
}

/** The lines of `items` that fit in `room`, and the rest. */
function fitLines(items: FlowItem[], room: number): [FlowItem[], FlowItem[]] {
  let used = 0;
  let count = 0;
  for (const item of items) {
    if (used + item.height > room) break;
    used += item.height;
    count++;
  }
  return [items.slice(0, count), items.slice(count)];
}

/**
 * A table row as one flow item: a row that fits on a page is never split (it moves to the
 * next page whole); one taller than a page splits between lines, each part with its frame.
 */
function tableRow(cells: TableCell[]): FlowItem {
  const height =
    Math.max(...cells.map((cell) => cell.items.reduce((sum, item) => sum + item.height, 0))) +
    2 * CELL_PADDING;
  return {
    height,
    draw: (pages, top) => {
      for (const cell of cells) {
        pages.rect(cell.x, top, cell.width, height, cell.header ? HEADER_FILL : null, RULE);
        let y = top + CELL_PADDING;
        for (const item of cell.items) {
          item.draw(pages, y);
          y += item.height;
        }
      }
    },
    split: (room) => {
      const parts = cells.map((cell) => fitLines(cell.items, room - 2 * CELL_PADDING));
      if (parts.every(([head]) => head.length === 0)) return null;
      const part = (index: 0 | 1) =>
        cells.map((cell, i) => ({ ...cell, items: parts[i]?.[index] ?? [] }));
      return [tableRow(part(0)), tableRow(part(1))];
    },
  };
}

class PdfReportLayout {
  constructor(
    private readonly report: ReportDocument,
    private readonly shaper: Shaper,
  ) {}

  private lookOf(base: { bold: boolean; color: Rgb }) {
    return (run: InlineRun): RunLook => {
      const change = run.change;
      const changeColor = change
        ? (() => {
            const group = groupOf(this.report, change.groupId);
            return group ? rgbOf(group.color) : SUGGESTION[change.kind];
          })()
        : null;
      return {
        bold: base.bold || run.bold,
        italic: run.italic,
        underline: run.underline || run.link !== null || change?.kind === 'insertion',
        strike: run.strike || change?.kind === 'deletion',
        color: changeColor ?? (run.link ? LINK : base.color),
        link: run.link,
      };
    };
  }

  /** Lines of text as flow items, the first with an optional list marker. */
  text(
    runs: InlineRun[],
    type: BlockType,
    column: Column,
    base: { bold: boolean; color: Rgb },
    marker?: string,
  ): FlowItem[] {
    const lines = layoutInline(runs, this.lookOf(base), type, column.width, this.shaper);
    const markerLine = marker
      ? layoutInline([plainRun(marker)], this.lookOf(base), type, LIST_INDENT * 4, this.shaper)[0]
      : undefined;
    return lines.map((line, index) => ({
      height: line.height,
      draw: (pages, top) => {
        pages.drawLine(line, column.x, top);
        if (index === 0 && markerLine) {
          const markerWidth = markerLine.fragments.reduce(
            (sum, f) => Math.max(sum, f.x + f.width),
            0,
          );
          pages.drawLine(markerLine, column.x - markerWidth - 5, top);
        }
        for (const bar of column.bars) pages.rect(bar, top, 1.5, line.height, RULE, null);
      },
    }));
  }

  private spacer(height: number): FlowItem {
    return { height, spacer: true, draw: () => {} };
  }

  blocks(node: ProseMirrorNode, column: Column): FlowItem[] {
    const items: FlowItem[] = [];
    node.forEach((child) => {
      items.push(...this.block(child, column));
    });
    return items;
  }

  private block(node: ProseMirrorNode, column: Column, marker?: string): FlowItem[] {
    const body = { bold: false, color: TEXT };
    switch (node.type.name) {
      case 'heading': {
        const size = HEADING_SIZES[Number(node.attrs.level)] ?? TYPE.body.size;
        const lines = this.text(inlineRuns(node), { size, leading: 1.55 }, column, {
          bold: true,
          color: HEADING,
        });
        for (const line of lines) line.keepWithNext = true;
        return [this.spacer(size * 0.6), ...lines, this.spacer(size * 0.2)];
      }
      case 'bulletList':
      case 'orderedList':
        return this.list(node, column);
      case 'blockquote':
        return this.blocks(node, {
          x: column.x + QUOTE_INDENT,
          width: column.width - QUOTE_INDENT,
          bars: [...column.bars, column.x + 2],
          depth: column.depth,
        });
      case 'horizontalRule':
        return [
          {
            height: TYPE.body.size * 1.5,
            draw: (pages, top) =>
              pages.rule(column.x, top + TYPE.body.size * 0.75, column.width, RULE, 0.75),
          },
        ];
      case 'table':
        return [...this.table(node, column), this.spacer(TYPE.body.size * 0.6)];
      default:
        if (!node.isTextblock) return this.blocks(node, column);
        return [
          ...this.text(inlineRuns(node), TYPE.body, column, body, marker),
          this.spacer(TYPE.body.size * 0.5),
        ];
    }
  }

  private list(list: ProseMirrorNode, column: Column): FlowItem[] {
    const ordered = list.type.name === 'orderedList';
    const start = Number(list.attrs.start ?? 1);
    const inner: Column = {
      x: column.x + LIST_INDENT,
      width: column.width - LIST_INDENT,
      bars: column.bars,
      depth: column.depth + 1,
    };
    const items: FlowItem[] = [];
    list.forEach((item, _offset, index) => {
      const marker = ordered ? `${start + index}.` : column.depth % 2 === 0 ? '•' : '◦';
      item.forEach((child, _childOffset, childIndex) => {
        items.push(...this.block(child, inner, childIndex === 0 ? marker : undefined));
      });
    });
    return items;
  }

  private table(table: ProseMirrorNode, column: Column): FlowItem[] {
    const unit = column.width / tableColumnCount(table);
    const rows: FlowItem[] = [];
    table.forEach((row) => {
      let x = column.x;
      const cells: TableCell[] = [];
      row.forEach((cell) => {
        const width = unit * columnSpan(cell);
        const inner: Column = {
          x: x + CELL_PADDING,
          width: width - 2 * CELL_PADDING,
          bars: [],
          depth: 0,
        };
        const items = this.blocks(cell, inner).filter((item) => !item.spacer);
        cells.push({ x, width, header: cell.type.name === 'tableHeader', items });
        x += width;
      });
      const item = tableRow(cells);
      // A header row alone at the foot of a page says nothing: it goes with the first row.
      if (cells.every((cell) => cell.header)) item.keepWithNext = true;
      rows.push(item);
    });
    return rows;
  }

  private part(part: ReportPart, column: Column, pageBreakBefore: boolean): FlowItem[] {
    const title = this.text([plainRun(part.title)], TYPE.section, column, {
      bold: true,
      color: HEADING,
    });
    const first = title[0];
    if (first && pageBreakBefore) first.pageBreakBefore = true;
    for (const line of title) line.keepWithNext = true;
    const label = part.group
      ? this.text([plainRun(part.group.name, true)], TYPE.label, column, {
          bold: true,
          color: rgbOf(part.group.color),
        })
      : [];
    for (const line of label) line.keepWithNext = true;
    return [
      this.spacer(TYPE.section.size),
      ...title,
      ...label,
      this.spacer(TYPE.body.size * 0.4),
      ...this.blocks(part.body, column),
    ];
  }

  private titlePage(column: Column): FlowItem[] {
    const { report } = this;
    const heading = { bold: true, color: HEADING };
    const body = { bold: false, color: TEXT };
    const line = (label: string, value: string) =>
      this.text([plainRun(`${label}: `, true), plainRun(value)], TYPE.body, column, body);
    const groups = report.groups.flatMap((group) => {
      const swatch = TYPE.body.size;
      const named = this.text(
        [plainRun(group.name)],
        TYPE.body,
        { ...column, x: column.x + swatch * 1.6 },
        body,
      );
      const first = named[0];
      if (first) {
        const drawName = first.draw;
        first.draw = (pages, top) => {
          drawName(pages, top);
          pages.rect(column.x, top + swatch * 0.35, swatch, swatch, rgbOf(group.color), null);
        };
      }
      return named;
    });
    return [
      // Space above the title that, unlike a spacer, is kept at the top of the page.
      { height: TITLE_DROP, draw: () => {} },
      ...this.text([plainRun(report.title)], TYPE.title, column, heading),
      this.spacer(TYPE.title.size),
      ...titleFacts(report.meta).flatMap(({ label, value }) => line(label, value)),
      ...(groups.length > 0
        ? [
            this.spacer(TYPE.body.size * 2),
            ...this.text([plainRun(REPORT_LABELS.groups, true)], TYPE.body, column, body),
            ...groups,
          ]
        : []),
    ];
  }

  /** Every flow item of the report, title page first. */
  items(column: Column): FlowItem[] {
    const items = this.titlePage(column);
    this.report.sections.forEach((section, index) => {
      items.push(...this.part(section, column, index === 0));
    });
    for (const annex of this.report.annexes) items.push(...this.part(annex, column, true));
    return items;
  }
}

/** Renders the report as a PDF (A4, Noto Sans and Noto Sans Khmer embedded). */
export async function reportToPdf(report: ReportDocument): Promise<Uint8Array> {
  const shaper = await createShaper();
  const pages = new PdfPages(shaper, report.title);
  const layout = new PdfReportLayout(report, shaper);
  pages.flow(layout.items({ x: pages.left, width: pages.width, bars: [], depth: 0 }));
  return pages.finish();
}
