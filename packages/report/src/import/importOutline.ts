/**
 * Importing a draft outline (.docx or .md): as a new plan, one section per top heading,
 * or as the body of one section. Everything is read and converted before anything is
 * returned, so a caller that writes only on success never writes half an import.
 */

import {
  DEFAULT_IMPORT_LIMITS,
  fileTooLarge,
  ImportError,
  type ImportedBody,
  type ImportedPlan,
  type ImportFile,
  type ImportFormat,
  type ImportLimits,
} from './importTypes.ts';
import { bodyFromOutline, type OutlineDocument, planFromOutline } from './outlineStructure.ts';

/** The content type of a .docx file. */
export const DOCX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** The content type of Markdown (RFC 7763). */
export const MARKDOWN_CONTENT_TYPE = 'text/markdown';

const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.txt'];

/**
 * The format a file is in, from its content type or else its name; null when neither
 * says .docx or Markdown.
 */
export function importFormatOf(fileName: string, contentType?: string): ImportFormat | null {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === DOCX_CONTENT_TYPE) return 'docx';
  if (type === MARKDOWN_CONTENT_TYPE || type === 'text/x-markdown') return 'markdown';
  const name = fileName.toLowerCase();
  if (name.endsWith('.docx')) return 'docx';
  if (MARKDOWN_EXTENSIONS.some((extension) => name.endsWith(extension))) return 'markdown';
  return null;
}

function formatOf(file: ImportFile): ImportFormat {
  const format = file.format ?? importFormatOf(file.fileName);
  if (!format) {
    throw new ImportError(
      'unknown-format',
      `"${file.fileName}" is neither a Word document (.docx) nor Markdown (.md). Save the outline as .docx and try again.`,
    );
  }
  return format;
}

function markdownText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ImportError(
      'not-text',
      'This file is not Markdown: it is not UTF-8 text. Save it as UTF-8 text, or as a Word document (.docx).',
    );
  }
  if (text.includes('\u0000')) {
    throw new ImportError(
      'not-text',
      'This file is not Markdown: it holds binary data. Is it a Word document with the wrong name?',
    );
  }
  return text;
}

/**
 * Reads the file as an outline and hands it to `use` while the outline is open. The
 * readers (markdown-it; JSZip, mammoth and happy-dom for Word) load on the first import.
 */
async function withOutline<T>(
  file: ImportFile,
  limits: ImportLimits,
  use: (outline: OutlineDocument) => T,
): Promise<T> {
  if (file.bytes.length > limits.maxBytes) throw fileTooLarge(limits.maxBytes);
  if (formatOf(file) === 'markdown') {
    if (file.bytes.length === 0) {
      throw new ImportError('empty', 'This file is empty: nothing arrived. Try the upload again.');
    }
    const { markdownOutline } = await import('./markdownOutline.ts');
    return use(markdownOutline(markdownText(file.bytes)));
  }
  const [{ inspectDocx }, { docxToHtml }, { withHtmlOutline }] = await Promise.all([
    import('./docx/inspectDocx.ts'),
    import('./docx/docxToHtml.ts'),
    import('./docx/htmlOutline.ts'),
  ]);
  const packageProblems = await inspectDocx(file.bytes, limits.maxUnpackedBytes);
  const { html, problems } = await docxToHtml(file.bytes);
  return withHtmlOutline(html, (outline) =>
    use({ ...outline, problems: [...packageProblems, ...problems, ...outline.problems] }),
  );
}

/** The file's name without its extension, as the title of last resort. */
function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return base.trim() === '' ? 'Imported plan' : base;
}

/**
 * Imports an outline as a new plan's title and sections, or throws an `ImportError`
 * that says why the file cannot be imported.
 */
export function importPlan(
  file: ImportFile,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ImportedPlan> {
  return withOutline(file, limits, (outline) =>
    planFromOutline(outline, titleFromFileName(file.fileName), limits.maxSections),
  );
}

/**
 * Imports an outline as the body of one section (its headings become the section's
 * subheadings), or throws an `ImportError` that says why the file cannot be imported.
 */
export function importSectionBody(
  file: ImportFile,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): Promise<ImportedBody> {
  return withOutline(file, limits, bodyFromOutline);
}
