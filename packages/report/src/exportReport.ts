/**
 * One entry point for every format, for the server's export route and the benchmark: a
 * plan's Y.Doc (or encoded state) in, the file's bytes, content type and name out.
 */
import type { PlanSource, ReportDocument } from './reportDocument.ts';
import type { ReportOptions } from './reportTypes.ts';

/**
 * The formats the outcomes report is exported in. Each converter is loaded on the first
 * export in its format: together (docx, pdfkit, HarfBuzz, markdown-it) they would make up
 * most of an idle server's memory.
 */
export const REPORT_FORMATS = {
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: async (report: ReportDocument): Promise<Uint8Array> =>
      (await import('./docx/reportToDocx.ts')).reportToDocx(report),
  },
  pdf: {
    contentType: 'application/pdf',
    render: async (report: ReportDocument): Promise<Uint8Array> =>
      (await import('./pdf/reportToPdf.ts')).reportToPdf(report),
  },
  md: {
    contentType: 'text/markdown; charset=utf-8',
    render: async (report: ReportDocument): Promise<Uint8Array> =>
      new TextEncoder().encode(
        (await import('./markdown/reportToMarkdown.ts')).reportToMarkdown(report),
      ),
  },
  html: {
    contentType: 'text/html; charset=utf-8',
    render: async (report: ReportDocument): Promise<Uint8Array> =>
      new TextEncoder().encode((await import('./html/reportToHtml.ts')).reportToHtml(report)),
  },
} as const;

/** A report format: `docx`, `pdf`, `md` or `html`. */
export type ReportFormat = keyof typeof REPORT_FORMATS;

/** An exported report file. */
export interface ReportFile {
  bytes: Uint8Array;
  contentType: string;
  /** A file name made from the plan's title, safe in a Content-Disposition header. */
  fileName: string;
}

/** True for the names of the formats, e.g. to check a query parameter. */
export const isReportFormat = (value: string): value is ReportFormat =>
  Object.hasOwn(REPORT_FORMATS, value);

/** "Cambodia NAP: draft 2" becomes "Cambodia-NAP-draft-2.pdf"; non-Latin titles are kept. */
export function reportFileName(title: string, format: ReportFormat): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'plan'}.${format}`;
}

/** Exports a plan's outcomes report in one format. */
export async function exportReport(
  source: PlanSource,
  format: ReportFormat,
  options: ReportOptions,
): Promise<ReportFile> {
  // Loaded on the first export too: it reads sections through the editor's schema, which
  // is TipTap and ProseMirror, some 20 MB an idle server would otherwise hold.
  const { buildReport, readReportPlan } = await import('./reportDocument.ts');
  const report = buildReport(readReportPlan(source), options);
  const { contentType, render } = REPORT_FORMATS[format];
  return {
    bytes: await render(report),
    contentType,
    fileName: reportFileName(report.title, format),
  };
}
