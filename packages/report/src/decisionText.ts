/**
 * How one logged decision reads in the report's annex. The log keeps the suggestion's own
 * text, so the annex can show what a decision took out of the plan as well as what it put in.
 */
import { REPORT_LABELS } from './reportText.ts';

/** A decided suggestion, as the decision log holds it (the parts the annex needs). */
export interface DecidedSuggestion {
  action: 'accept' | 'reject';
  /** insert, delete, replace or structure, as the editor named it. */
  kind: string;
  insertedText: string;
  deletedText: string;
  authorName: string;
  /** The author's group as the plan names it, or null for the plenary. */
  groupName: string | null;
}

const quote = (text: string): string => `“${text.replace(/\n+/g, ' / ').trim()}”`;

function whatItDid({ kind, insertedText, deletedText }: DecidedSuggestion): string {
  const words = REPORT_LABELS.decisionKinds;
  if (kind === 'structure') {
    const text = insertedText || deletedText;
    return text ? `${words.structure} ${quote(text)}` : words.structure;
  }
  if (insertedText && deletedText) {
    return `${words.replace} ${quote(deletedText)} ${words.with} ${quote(insertedText)}`;
  }
  if (deletedText) return `${words.delete} ${quote(deletedText)}`;
  return `${words.insert} ${quote(insertedText)}`;
}

/** "Accepted Dara's suggestion (Group 1): insert “all”". */
export function describeDecision(decided: DecidedSuggestion): string {
  const verdict = REPORT_LABELS.decisionActions[decided.action];
  const author = decided.groupName
    ? `${decided.authorName} (${decided.groupName})`
    : decided.authorName;
  return `${verdict} ${REPORT_LABELS.suggestionOf(author)}: ${whatItDid(decided)}`;
}
