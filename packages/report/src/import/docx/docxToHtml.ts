/**
 * A Word document as simple HTML (mammoth), with the converter's warnings turned into
 * problems a person can read. Pictures, footnotes and comments stay in the HTML as
 * markers so that the outline can say which section lost them.
 */
import type { ImportProblem } from '@plenary/model';
import mammoth from 'mammoth';
import { ImportError } from '../importTypes.ts';

/** Prefix of the ids mammoth gives note and comment anchors, so they can be found again. */
export const ANCHOR_ID_PREFIX = 'plenary-import-';
/** Class of the paragraph in the Title style, which names the plan. */
export const TITLE_CLASS = 'plenary-title';

// Styles beyond mammoth's defaults (which cover Heading 1-6, lists, bold, italic, tables).
// Only styles that are never list paragraphs: a style rule here would win over mammoth's
// list rules and turn a numbered "Body Text" paragraph into a plain one.
const STYLE_MAP = [
  `p[style-name='Title'] => p.${TITLE_CLASS}:fresh`,
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Quotations'] => blockquote > p:fresh",
  "r[style-name='Emphasis'] => em",
  "r[style-name='Strong Emphasis'] => strong",
  'u => u',
  // Off by default; on, the references mark where each comment was.
  'comment-reference => sup',
];

// Styles that only set the look of ordinary text: importing them as plain paragraphs is
// what anyone expects, so they are not worth a problem. Names as Word and LibreOffice
// write them in English; a style the author made up is reported.
const PLAIN_STYLES = new Set(
  [
    'Body Text',
    'Body Text 2',
    'Body Text 3',
    'Text Body',
    'Standard',
    'Default',
    'Default Paragraph Font',
    'Normal (Web)',
    'No Spacing',
    'Plain Text',
    'List Paragraph',
    'List Bullet',
    'List Number',
    'List',
    'Subtitle',
    'Table Contents',
    'Table Heading',
    'Table Paragraph',
    'Caption',
    'First Paragraph',
    'Compact',
    'Footnote Characters',
    'Footnote Text',
    'Endnote Characters',
    'Comment Text',
    'Internet Link',
    'Strong',
  ].map((name) => name.toLowerCase()),
);

const STYLE_WARNING = /^Unrecognised (paragraph|run|table) style: '(.*)' \(Style ID: .*\)$/;
const ELEMENT_WARNING = /^An unrecognised element was ignored: (\S+)$/;
// Drawing details of pictures and text boxes, which are reported on their own.
const DRAWING_ELEMENT = /^(v|o|w10|wp14|a14):/;

function problemOf(message: string): ImportProblem | null {
  const style = STYLE_WARNING.exec(message);
  if (style) {
    const [, kind, name = ''] = style;
    if (PLAIN_STYLES.has(name.toLowerCase())) return null;
    const what = kind === 'run' ? 'text' : kind === 'table' ? 'tables' : 'paragraphs';
    return {
      code: 'style',
      message: `The style "${name}" has no match in the plan; its ${what} were imported as ordinary ${what}.`,
      detail: name,
    };
  }
  const element = ELEMENT_WARNING.exec(message);
  if (element) {
    const name = element[1] ?? '';
    if (DRAWING_ELEMENT.test(name)) return null;
    return {
      code: 'other',
      message: `Some content of a kind the plan does not know (${name}) was left out.`,
      detail: name,
    };
  }
  if (message.startsWith('Image of type')) return null;
  return { code: 'other', message: `The Word reader noted: ${message}`, detail: message };
}

/** The document as HTML and the problems the conversion met, each reported once. */
export async function docxToHtml(
  bytes: Uint8Array,
): Promise<{ html: string; problems: ImportProblem[] }> {
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        idPrefix: ANCHOR_ID_PREFIX,
        // A document may link pictures by file path; the server must never read its own files.
        externalFileAccess: false,
        // Pictures are not imported: keep a marker, never the picture's bytes.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
  } catch (error) {
    // The reader's own words (an XML parser's) would not help the person; the log keeps them.
    throw new ImportError(
      'damaged',
      'This Word document is damaged: its text cannot be read. Open it in Word or LibreOffice, save it again and upload the new copy.',
      { cause: error },
    );
  }
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const { message } of result.messages) {
    const problem = problemOf(message);
    if (problem && !seen.has(problem.message)) {
      seen.add(problem.message);
      problems.push(problem);
    }
  }
  return { html: result.value, problems };
}
