// The converters (Word, PDF, Markdown, HTML, and the outline readers), the report
// document (built through the editor's schema) and the reading of suggestion marks (which
// needs ProseMirror's model) are not exported here: `exportReport` and the import functions
// load them on first use, so the server does not hold them in memory while nobody exports
// or imports.
export type { DecidedSuggestion } from './decisionText.ts';
export { describeDecision } from './decisionText.ts';
export type { ReportFile, ReportFormat } from './exportReport.ts';
export {
  exportReport,
  isReportFormat,
  REPORT_FORMATS,
  reportFileName,
} from './exportReport.ts';
export {
  DOCX_CONTENT_TYPE,
  importFormatOf,
  importPlan,
  importSectionBody,
  MARKDOWN_CONTENT_TYPE,
} from './import/importOutline.ts';
export type {
  ImportErrorCode,
  ImportedBody,
  ImportedPlan,
  ImportedSection,
  ImportFile,
  ImportFormat,
  ImportLimits,
} from './import/importTypes.ts';
export { DEFAULT_IMPORT_LIMITS, fileTooLarge, ImportError } from './import/importTypes.ts';
export type { BodyMarkdownOptions } from './markdown/bodyToMarkdown.ts';
export type { ParsedMarkdown } from './markdown/parseMarkdown.ts';
export type {
  PlanSource,
  ReportDocument,
  ReportGroup,
  ReportPart,
  ReportPlan,
} from './reportDocument.ts';
export type {
  CommentAnnexThread,
  DecisionLogEntry,
  GroupParticipants,
  ReportAnnexes,
  ReportMeta,
  ReportOptions,
  RoundAnnexEntry,
  RoundTally,
  SuggestionChoice,
} from './reportTypes.ts';
export type { TrackedChange } from './suggestionMarks.ts';
