/**
 * Consensus rounds: a section's recommendations, frozen as the round opened, and each
 * participant's answer to each. Votes live here rather than in the shared document so
 * that nobody can add one through Yjs, and each names the participant behind it. Every
 * adapter passes `roundStoreContract.ts`.
 */

/** An answer to a recommendation. */
export type VoteChoice = 'agree' | 'disagree' | 'abstain';

/** Every answer, in the order tallies list them. */
export const VOTE_CHOICES: readonly VoteChoice[] = ['agree', 'disagree', 'abstain'];

/** Whether a round still takes answers. */
export type RoundStatus = 'open' | 'closed';

/** One recommendation of a round: its text as it was when the round opened. */
export interface RoundItem {
  id: string;
  text: string;
}

/** A round as the caller opens it. */
export interface NewRound {
  /** Unique across every plan: the caller mints it. */
  id: string;
  sectionId: string;
  items: RoundItem[];
  /** The participant who opened it, or null for an invite link's holder. */
  openedBy: string | null;
  openedByName: string;
}

/** A stored round. */
export interface StoredRound extends NewRound {
  planId: string;
  status: RoundStatus;
  openedAt: Date;
  /** When it was closed, or null while open. */
  closedAt: Date | null;
  /** How many could answer when it closed, or null while open. */
  eligible: number | null;
}

/** One participant's answer to one recommendation. */
export interface StoredVote {
  roundId: string;
  itemId: string;
  participantId: string;
  choice: VoteChoice;
  /** Why, in their words; "" when none was given. */
  reason: string;
  /** When the answer was last given or changed. */
  at: Date;
}

/** The storage port for consensus rounds and their votes. */
export interface RoundStore {
  /**
   * Stores a round, open from now. Fails with `plan-not-found` for a plan the store does
   * not hold and `round-exists` when the id is taken.
   */
  openRound(planId: string, round: NewRound): Promise<StoredRound>;
  /** The round, or null when the plan has no round with that id. */
  getRound(planId: string, roundId: string): Promise<StoredRound | null>;
  /** The plan's rounds, oldest first; none for an unknown plan. */
  listRounds(planId: string): Promise<StoredRound[]>;
  /**
   * Closes the round now, recording how many could answer; a closed round keeps its first
   * close (time and count). Null when there is no such round.
   */
  closeRound(planId: string, roundId: string, eligible: number): Promise<StoredRound | null>;
  /**
   * Stores the participant's answer to the item, replacing their earlier one. Fails with
   * `round-not-found` (no such round or item in the plan) and `round-closed`, checked in
   * the same transaction as the write so no answer lands after the close.
   */
  putVote(planId: string, vote: Omit<StoredVote, 'at'>): Promise<StoredVote>;
  /** The round's votes, oldest first by when last changed; none for an unknown round. */
  listVotes(planId: string, roundId: string): Promise<StoredVote[]>;
}
