import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readPlan, type Tally } from '@plenary/model';
import {
  type StoredRound,
  type StoredVote,
  StoreError,
  VOTE_CHOICES,
  type VoteChoice,
} from '@plenary/storage';
import { Type } from 'typebox';
import type { Principal } from '../access/Principal.ts';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { announce, eligibleCount, requireParticipant } from '../discussion/discussionAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { sectionFragment } from '../plans/sectionFragment.ts';
import { PlanParams } from './schemas.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const PlanId = Type.String({ pattern: '^[0-9a-z]{6,64}$' });
const RoundParams = Type.Object({ planId: PlanId, roundId: Id });
const VoteParams = Type.Object({ planId: PlanId, roundId: Id, itemId: Id });
const OpenBody = Type.Object(
  { sectionId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }) },
  { additionalProperties: false },
);
const VoteBody = Type.Object(
  {
    choice: Type.Union(VOTE_CHOICES.map((choice) => Type.Literal(choice))),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);

/** One recommendation as the API shows it: its count always, its tally once closed. */
interface ItemView {
  id: string;
  text: string;
  /** How many have answered it. */
  answered: number;
  /** The counts, only once the round is closed. */
  tally?: Tally;
  /** The reasons given, with their answers and without names, only once closed. */
  reasons?: { choice: VoteChoice; reason: string }[];
}

/** A round as the API shows it. */
export interface RoundView {
  id: string;
  sectionId: string;
  status: StoredRound['status'];
  /** How many participants have answered at least one recommendation. */
  answered: number;
  /** How many may answer: members and focal points in the room (see `eligibleCount`). */
  eligible: number;
  items: ItemView[];
  /** The caller's own answers, by item, so a phone shows what it already chose. */
  mine: Record<string, { choice: VoteChoice; reason: string }>;
  openedAt: string;
  closedAt: string | null;
}

/** Everyone who answered at least one recommendation. */
export const voters = (votes: StoredVote[]): Set<string> =>
  new Set(votes.map((vote) => vote.participantId));

function tallyOf(votes: StoredVote[]): Tally {
  const tally: Tally = { agree: 0, disagree: 0, abstain: 0 };
  for (const vote of votes) tally[vote.choice] += 1;
  return tally;
}

/** The round for the caller: while open only counts, so nobody sways the rest. */
export function roundView(
  round: StoredRound,
  votes: StoredVote[],
  eligible: number,
  participantId: string | null,
): RoundView {
  const closed = round.status === 'closed';
  return {
    id: round.id,
    sectionId: round.sectionId,
    status: round.status,
    answered: voters(votes).size,
    eligible,
    items: round.items.map((item) => {
      const answers = votes.filter((vote) => vote.itemId === item.id);
      return {
        ...item,
        answered: answers.length,
        ...(closed
          ? {
              tally: tallyOf(answers),
              reasons: answers
                .filter((vote) => vote.reason.trim() !== '')
                .map(({ choice, reason }) => ({ choice, reason })),
            }
          : {}),
      };
    }),
    mine: Object.fromEntries(
      votes
        .filter((vote) => vote.participantId === participantId)
        .map(({ itemId, choice, reason }) => [itemId, { choice, reason }]),
    ),
    openedAt: round.openedAt.toISOString(),
    closedAt: round.closedAt?.toISOString() ?? null,
  };
}

/**
 * Consensus rounds: the facilitator or focal point opens one on a section, freezing its
 * recommendations; members and the focal point answer each, one answer per person,
 * changeable until the close; the tallies are shown only after it.
 */
export const roundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, rounds, access } = app;

  const notFound = (roundId: string) =>
    new ApiError(404, 'round-not-found', `This plan has no consensus round "${roundId}".`);

  async function viewFor(planId: string, round: StoredRound, principal: Principal) {
    const votes = await rounds.listVotes(planId, round.id);
    const eligible = round.eligible ?? (await eligibleCount(access, relay, planId, voters(votes)));
    return roundView(round, votes, eligible, principal.participantId);
  }

  async function steer(planId: string, principal: Principal) {
    requireRight(principal, 'run-rounds', await relay.read(planId, readPlan));
  }

  app.get('/plans/:planId/rounds', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const principal = await principalFor(request, planId);
    const all = await rounds.listRounds(planId);
    return { rounds: await Promise.all(all.map((round) => viewFor(planId, round, principal))) };
  });

  app.get(
    '/plans/:planId/rounds/:roundId',
    { schema: { params: RoundParams } },
    async (request) => {
      const { planId, roundId } = request.params;
      const principal = await principalFor(request, planId);
      const round = await rounds.getRound(planId, roundId);
      if (!round) throw notFound(roundId);
      return viewFor(planId, round, principal);
    },
  );

  app.post(
    '/plans/:planId/rounds',
    { schema: { params: PlanParams, body: OpenBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      await steer(planId, principal);
      const { sectionId } = request.body;
      const { sectionRecommendations } = await loadEditor();
      const items = await relay.read(planId, (doc) =>
        sectionRecommendations(sectionFragment(doc, sectionId)),
      );
      if (items.length === 0) {
        throw new ApiError(
          409,
          'no-recommendations',
          'This section has no paragraph or list item to answer yet; write the recommendations first.',
        );
      }
      const open = (await rounds.listRounds(planId)).find(
        (round) => round.sectionId === sectionId && round.status === 'open',
      );
      if (open) {
        throw new ApiError(
          409,
          'round-open',
          'A round on this section is still open; close it before opening another.',
        );
      }
      const round = await rounds.openRound(planId, {
        id: randomUUID(),
        sectionId,
        items,
        openedBy: principal.participantId,
        openedByName: principal.name ?? principal.actor.role,
      });
      await announce(relay, planId, 'rounds', principal, request.log);
      return reply.status(201).send(await viewFor(planId, round, principal));
    },
  );

  app.put(
    '/plans/:planId/rounds/:roundId/votes/:itemId',
    { schema: { params: VoteParams, body: VoteBody } },
    async (request) => {
      const { planId, roundId, itemId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'answer-rounds', await relay.read(planId, readPlan));
      const participant = requireParticipant(principal);
      const { choice, reason = '' } = request.body;
      try {
        await rounds.putVote(planId, {
          roundId,
          itemId,
          participantId: participant.id,
          choice,
          reason: reason.trim(),
        });
      } catch (error) {
        if (error instanceof StoreError && error.code === 'round-closed') {
          throw new ApiError(
            409,
            'round-closed',
            'This round is closed; answers can no longer change.',
          );
        }
        if (error instanceof StoreError && error.code === 'round-not-found') {
          throw new ApiError(404, 'round-not-found', error.message);
        }
        throw error;
      }
      await announce(relay, planId, 'rounds', principal, request.log);
      return { itemId, choice, reason: reason.trim() };
    },
  );

  app.post(
    '/plans/:planId/rounds/:roundId/close',
    { schema: { params: RoundParams } },
    async (request) => {
      const { planId, roundId } = request.params;
      const principal = await principalFor(request, planId);
      await steer(planId, principal);
      const open = await rounds.getRound(planId, roundId);
      if (!open) throw notFound(roundId);
      // Counted as it closes: who was in the room then, or had answered, stays the count.
      const votes = await rounds.listVotes(planId, roundId);
      const eligible = await eligibleCount(access, relay, planId, voters(votes));
      const round = await rounds.closeRound(planId, roundId, eligible);
      if (!round) throw notFound(roundId);
      await announce(relay, planId, ['rounds', 'roundsClosed'], principal, request.log);
      return viewFor(planId, round, principal);
    },
  );
};
