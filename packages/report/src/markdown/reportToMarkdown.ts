/** The outcomes report as one Markdown file. */
import { planSchema } from '@plenary/editor';
import type { Mark, Node as ProseMirrorNode } from '@tiptap/pm/model';
import { describeSuggestion, type ReportDocument, type ReportPart } from '../reportDocument.ts';
import { REPORT_LABELS, titleFacts } from '../reportText.ts';
import { trackedChangeOf } from '../suggestionMarks.ts';
import { type BodyMarkdownOptions, bodyToMarkdown } from './bodyToMarkdown.ts';

// The report title is "#" and section titles "##", so body headings move one level down.
const BODY_HEADING_OFFSET = 1;

// The title block and part headings are built as plan-schema nodes, to be escaped like
// the bodies.
function frontMatter(report: ReportDocument): ProseMirrorNode {
  const schema = planSchema();
  const line = (label: string, value: string) =>
    schema.node('paragraph', null, [
      schema.text(`${label}:`, [schema.mark('bold')]),
      schema.text(` ${value}`),
    ]);
  const blocks = [
    schema.node('heading', { level: 1 }, schema.text(report.title)),
    ...titleFacts(report.meta).map(({ label, value }) => line(label, value)),
  ];
  if (report.groups.length > 0) {
    blocks.push(line(REPORT_LABELS.groups, report.groups.map((group) => group.name).join(', ')));
  }
  return schema.node('doc', null, blocks);
}

function partHeading(part: ReportPart): ProseMirrorNode {
  const schema = planSchema();
  const blocks = [schema.node('heading', { level: 2 }, schema.text(part.title))];
  if (part.group) {
    blocks.push(
      schema.node('paragraph', null, schema.text(part.group.name, [schema.mark('italic')])),
    );
  }
  return schema.node('doc', null, blocks);
}

/** Renders the report as Markdown (GFM tables; inline HTML for underline and suggestions). */
export function reportToMarkdown(report: ReportDocument): string {
  const describe = (mark: Mark) => {
    const change = trackedChangeOf([mark]);
    return change ? describeSuggestion(report, change) : '';
  };
  const plain: BodyMarkdownOptions = { headingOffset: 0 };
  const body: BodyMarkdownOptions = {
    headingOffset: BODY_HEADING_OFFSET,
    describeSuggestion: describe,
  };
  const chunks = [bodyToMarkdown(frontMatter(report), plain)];
  for (const part of [...report.sections, ...report.annexes]) {
    chunks.push(bodyToMarkdown(partHeading(part), plain), bodyToMarkdown(part.body, body));
  }
  return `${chunks.filter((chunk) => chunk.trim() !== '').join('\n\n')}\n`;
}
