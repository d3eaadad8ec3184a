import type { Tally } from '@plenary/model';

/** A comment thread as the server shows it. */
export interface CommentThread {
  id: string;
  sectionId: string;
  /** The words it is attached to now; the words first quoted once detached. */
  quote: string;
  resolved: boolean;
  detached: boolean;
  anchor: { start: string; end: string } | null;
  /** Whether this participant started it. */
  mine: boolean;
  messages: CommentMessage[];
}

/** One message of a thread, signed by the server. */
export interface CommentMessage {
  id: string;
  authorName: string;
  authorGroupId: string | null;
  text: string;
  at: string;
}

/** A new thread on a section: the selected words ("" for the section) and the first message. */
export interface NewThread {
  sectionId: string;
  quote: string;
  text: string;
}

/** One answer to a recommendation. */
export type VoteChoice = 'agree' | 'disagree' | 'abstain';

/** A consensus round as the server shows it: counts while open, tallies once closed. */
export interface Round {
  id: string;
  sectionId: string;
  status: 'open' | 'closed';
  answered: number;
  eligible: number;
  items: RoundItem[];
  mine: Record<string, { choice: VoteChoice; reason: string }>;
  openedAt: string;
  closedAt: string | null;
}

/** A recommendation of a round. */
export interface RoundItem {
  id: string;
  text: string;
  answered: number;
  tally?: Tally;
  reasons?: { choice: VoteChoice; reason: string }[];
}
