/**
 * Checks that bytes are a Word document before anything reads them as one, and notes what
 * the converter would pass over in silence: tracked changes and text boxes.
 */
import type { ImportProblem } from '@plenary/model';
import JSZip from 'jszip';
import { describeSize, ImportError } from '../importTypes.ts';

const MAIN_PART = 'word/document.xml';
const ZIP_SIGNATURE = [0x50, 0x4b]; // "PK", how every zip file starts

const notWord = (why: string): ImportError =>
  new ImportError(
    'not-docx',
    `This file is not a Word document (.docx): ${why} In Word or LibreOffice, use Save As and choose "Word Document (.docx)".`,
  );

// What JSZip knows of an entry before unpacking it; not in its typings, but read only to
// refuse a zip bomb before it is unpacked (JSZip checks the size again while unpacking).
function declaredSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: number } })._data;
  return data?.uncompressedSize ?? 0;
}

async function unzip(bytes: Uint8Array): Promise<JSZip> {
  if (bytes.length === 0) {
    throw new ImportError('empty', 'This file is empty: nothing arrived. Try the upload again.');
  }
  if (ZIP_SIGNATURE.some((byte, i) => bytes[i] !== byte)) {
    throw notWord(
      'it is not a zip package, as every .docx file is (is it text or a PDF renamed?).',
    );
  }
  try {
    return await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (error) {
    throw new ImportError(
      'damaged',
      'This Word document is damaged and cannot be opened: it may have been cut off while copying or downloading. Save it again and upload the new copy.',
      { cause: error },
    );
  }
}

function whatElse(zip: JSZip): string {
  if (zip.file('content.xml') && zip.file('mimetype')) {
    return 'it is an OpenDocument file (.odt), not a Word document.';
  }
  if (zip.file('xl/workbook.xml')) return 'it is an Excel workbook.';
  if (zip.file('ppt/presentation.xml')) return 'it is a PowerPoint presentation.';
  return 'it is a zip archive without a Word document in it.';
}

/** Counts matches of a pattern in the main part's XML. */
const count = (xml: string, pattern: RegExp): number => xml.match(pattern)?.length ?? 0;

/**
 * Opens a .docx, refusing what is not one with a message that says why; returns what the
 * HTML conversion would silently flatten.
 */
export async function inspectDocx(
  bytes: Uint8Array,
  maxUnpackedBytes: number,
): Promise<ImportProblem[]> {
  const zip = await unzip(bytes);
  const main = zip.file(MAIN_PART);
  if (!main) throw notWord(whatElse(zip));
  let unpacked = 0;
  zip.forEach((_path, entry) => {
    unpacked += declaredSize(entry);
  });
  if (unpacked > maxUnpackedBytes) {
    throw new ImportError(
      'too-large',
      `This Word document unpacks to ${describeSize(unpacked)}, more than the ${describeSize(maxUnpackedBytes)} an outline may hold. Remove large pictures and try again.`,
    );
  }
  let xml: string;
  try {
    xml = await main.async('string');
  } catch (error) {
    throw new ImportError(
      'damaged',
      'This Word document is damaged: its text cannot be unpacked. Open it in Word or LibreOffice, save it again and upload the new copy.',
      { cause: error },
    );
  }

  const problems: ImportProblem[] = [];
  // Insertions, deletions and moves; `<w:ins ` and not `<w:insideH`, a table border.
  if (count(xml, /<w:(?:ins|del|moveFrom|moveTo)[\s>/]/g) > 0) {
    problems.push({
      code: 'tracked-changes',
      message:
        'The document has tracked changes. Its text was imported as if every change had been accepted.',
    });
  }
  if (count(xml, /<w:txbxContent[\s>]/g) > 0) {
    problems.push({
      code: 'text-box',
      message:
        'The document has text boxes. Their text was imported as ordinary paragraphs where each box is anchored.',
    });
  }
  return problems;
}
