/**
 * What an import gives back: a plan's sections or one section's body, and the problems
 * worth telling the person who imported the file. Problems are data with a code so that
 * the web app can word them in the reader's language; `message` is the English wording.
 */
import type { ImportProblem, RichTextDoc } from '@plenary/model';

/** The formats an outline can be imported from. */
export type ImportFormat = 'docx' | 'markdown';

/** One section of an imported outline. */
export interface ImportedSection {
  title: string;
  /** The section's body in the plan schema. */
  content: RichTextDoc;
}

/** An outline turned into a new plan's title and sections. */
export interface ImportedPlan {
  title: string;
  sections: ImportedSection[];
  problems: ImportProblem[];
}

/** An outline turned into the body of one existing section. */
export interface ImportedBody {
  content: RichTextDoc;
  problems: ImportProblem[];
}

/** A file to import: its name (for the format and a fallback title) and its bytes. */
export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
  /** The format when the caller knows it (from a content type); else read off the name. */
  format?: ImportFormat;
}

/** Why a file cannot be imported at all. */
export type ImportErrorCode =
  | 'too-large'
  | 'empty'
  | 'unknown-format'
  | 'not-docx'
  | 'damaged'
  | 'not-text'
  | 'no-text'
  | 'too-many-sections';

/** A file that cannot be imported, with a message that says what is wrong and what to do. */
export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** The limits an import enforces; the server passes its configured file size. */
export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Largest total a Word document may unpack to, in bytes (a zip can hide a lot). */
  maxUnpackedBytes: number;
  /** Most sections a new plan may get from one file. */
  maxSections: number;
}

/** 10 MiB of Word is hundreds of pages of text; more is almost always pictures. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxSections: 200,
};

const MIB = 1024 * 1024;

/** A file size as people read it: "850 KiB", "10 MiB", "12.5 MiB". */
export function describeSize(bytes: number): string {
  if (bytes < MIB) return `${Math.ceil(bytes / 1024)} KiB`;
  return `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/** The refusal of a file over the size limit, the same whoever notices it first. */
export const fileTooLarge = (maxBytes: number): ImportError =>
  new ImportError(
    'too-large',
    `This file is larger than ${describeSize(maxBytes)}, the most an outline may be. Remove large pictures, or import the document in parts.`,
  );
