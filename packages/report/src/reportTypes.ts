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

/** One comment thread, as the comments annex lists it. */
export interface CommentAnnexThread {
  /** The section it is on (its id when the section was removed since). */
  sectionTitle: string;
  /** The words it is about ("" for the section as a whole). */
  quote: string;
  resolved: boolean;
  /** Its words were deleted from the plan. */
  detached: boolean;
  messages: { authorName: string; groupName: string | null; at: string; text: string }[];
}

/** A recommendation's answers in a closed round, counted. */
export interface RoundTally {
  agree: number;
  disagree: number;
  abstain: number;
}

/** One closed consensus round, as the votes annex lists it. */
export interface RoundAnnexEntry {
  sectionTitle: string;
  /** When it closed, as an ISO 8601 date-time. */
  closedAt: string;
  answered: number;
  eligible: number;
  items: { text: string; tally: RoundTally; reasons: { choice: string; reason: string }[] }[];
}

/** The annexes to append; each is left out when absent. */
export interface ReportAnnexes {
  decisionLog?: DecisionLogEntry[];
  participantsByGroup?: GroupParticipants[];
  commentThreads?: CommentAnnexThread[];
  rounds?: RoundAnnexEntry[];
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
  /**
   * The level of support to print after recommendations in the body, by section index
   * then by the recommendation's text as the round froze it; none when absent.
   */
  support?: Map<number, Map<string, RoundTally>>;
  annexes: ReportAnnexes;
  meta: ReportMeta;
}
