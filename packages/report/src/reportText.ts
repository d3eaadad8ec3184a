/**
 * The words the report adds around the plan's own text, in one place so that every format
 * says the same thing (and a translation has one file to change).
 */
import { formatMoment } from '@plenary/model';
import type { ReportMeta } from './reportTypes.ts';
import type { TrackedChange } from './suggestionMarks.ts';

/** Fixed wording of the report. */
export const REPORT_LABELS = {
  date: 'Date',
  venue: 'Venue',
  groups: 'Groups',
  untitledPlan: 'Untitled plan',
  untitledSection: 'Untitled section',
  decisionLog: 'Annex: Decision log',
  participants: 'Annex: Participants by group',
  decisionColumns: ['When', 'Section', 'Decision', 'By'],
  wholePlan: 'Whole plan',
  noParticipants: 'No participants recorded.',
  comments: 'Annex: Comments',
  noComments: 'No comments.',
  commentStatus: { open: 'Open', resolved: 'Resolved', detached: 'its words were deleted' },
  onSection: 'On the section as a whole',
  votes: 'Annex: Consensus rounds',
  noRounds: 'No closed consensus rounds.',
  roundHeading: (section: string, closedAt: string) => `${section}, closed ${closedAt}`,
  roundAnswered: (answered: number, eligible: number) => `${answered} of ${eligible} answered.`,
  voteColumns: ['Recommendation', 'Support', 'Agree', 'Disagree', 'Abstain'],
  reasonsOf: (text: string) => `Reasons given on “${text}”`,
  choices: { agree: 'Agree', disagree: 'Disagree', abstain: 'Abstain' } as Record<string, string>,
  supportLine: (label: string, tally: { agree: number; disagree: number; abstain: number }) =>
    `Level of support: ${label} (${tally.agree} agree, ${tally.disagree} disagree, ${tally.abstain} abstain)`,
  suggestedBy: { insertion: 'Suggested insertion by', deletion: 'Suggested deletion by' },
  decisionActions: { accept: 'Accepted', reject: 'Rejected' },
  suggestionOf: (author: string) => `the suggestion of ${author}`,
  decisionKinds: {
    insert: 'insert',
    delete: 'delete',
    replace: 'replace',
    with: 'with',
    structure: 'change the structure at',
  },
} as const;

/** The title page's facts (date, venue) with a label each; a blank one is left out. */
export function titleFacts(meta: {
  date: string;
  venue: string;
}): { label: string; value: string }[] {
  return [
    { label: REPORT_LABELS.date, value: meta.date.trim() },
    { label: REPORT_LABELS.venue, value: meta.venue.trim() },
  ].filter((fact) => fact.value !== '');
}

/** Where and in whose conventions the report's times are written. */
export type TimeWriting = Pick<ReportMeta, 'timeZone' | 'language'>;

/** A date-time for people, in the venue's time zone (UTC when none is given) and the reader's language. */
export function formatDateTime(
  iso: string,
  { timeZone = 'UTC', language = 'en' }: TimeWriting = {},
): string {
  return formatMoment(iso, language, 'dateTime', timeZone);
}

/** "Suggested insertion by Dara (Group 1), 12 Mar 2026, 10:05" for tooltips and notes. */
export function describeChange(
  change: TrackedChange,
  groupName: string | null,
  writing?: TimeWriting,
): string {
  const who = groupName ? `${change.authorName} (${groupName})` : change.authorName;
  const when = change.createdAt ? `, ${formatDateTime(change.createdAt, writing)}` : '';
  return `${REPORT_LABELS.suggestedBy[change.kind]} ${who}${when}`;
}
