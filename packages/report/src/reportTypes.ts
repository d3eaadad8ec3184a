/**
 * What an outcomes report is made from and the choices its reader gets. The server decides
 * who may have the annexes (participants' names are sensitive); this package only renders
 * what it is given.
 */

/** What happens to suggestions that nobody has accepted or rejected yet. */
export type SuggestionChoice = 'omit' | 'tracked';

/** One decision of the plenary, as the review's decision log records it. */
export interface DecisionLogEntry {
  /** When it was decided, as an ISO 8601 date-time. */
  at: string;
  /** The section it concerns, or null for the plan as a whole. */
  sectionTitle: string | null;
  /** What was decided, in the words of the log. */
  decision: string;
  /** Who decided or recorded it (a facilitator or the focal point). */
  by: string;
}

/** The participants of one breakout group, for the participants annex. */
export interface GroupParticipants {
  /** The group's name as the plan shows it (or "Plenary"). */
  group: string;
  names: string[];
}

/** The annexes to append; each is left out when absent. */
export interface ReportAnnexes {
  decisionLog?: DecisionLogEntry[];
  participantsByGroup?: GroupParticipants[];
}

/** Where and when the dialogue took place, as the title page shows it. */
export interface ReportMeta {
  /** The date as people should read it, e.g. "12-13 March 2026". */
  date: string;
  venue: string;
  /** IANA time zone for the times the report prints (decision log, suggestions); UTC if absent. */
  timeZone?: string;
  /** The reader's interface language (`en`, `km`): how dates and times are written; English if absent. */
  language?: string;
}

/** Everything a caller chooses about one export. */
export interface ReportOptions {
  suggestions: SuggestionChoice;
  annexes: ReportAnnexes;
  meta: ReportMeta;
}
