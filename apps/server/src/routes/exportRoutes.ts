import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatMoment, type PlanState, readPlan, type Tally } from '@plenary/model';
import {
  type CommentAnnexThread,
  type DecisionLogEntry,
  describeDecision,
  exportReport,
  type GroupParticipants,
  type ReportAnnexes,
  type RoundAnnexEntry,
} from '@plenary/report';
import type { StoredRound } from '@plenary/storage';
import { Type } from 'typebox';
import * as Y from 'yjs';
import { principalFor } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { threadView } from './commentRoutes.ts';
import { type RoundView, roundView, voters } from './roundRoutes.ts';
import { PlanParams } from './schemas.ts';

const ExportQuery = Type.Object(
  {
    format: Type.Union([
      Type.Literal('docx'),
      Type.Literal('pdf'),
      Type.Literal('md'),
      Type.Literal('html'),
    ]),
    suggestions: Type.Optional(Type.Union([Type.Literal('omit'), Type.Literal('tracked')])),
    /**
     * Comma-separated annexes (facilitator and focal point only): `decisions` adds the
     * decision log, `participants` the participants per group, `comments` the comment
     * threads open and resolved, `votes` the tallies of closed consensus rounds.
     */
    annexes: Type.Optional(Type.String({ maxLength: 64 })),
    /** `show` prints the level of support after each recommendation a closed round answered. */
    support: Type.Optional(Type.Union([Type.Literal('show'), Type.Literal('hide')])),
    date: Type.Optional(Type.String({ maxLength: 80 })),
    venue: Type.Optional(Type.String({ maxLength: 160 })),
    /** The reader's interface language: dates and times are written its way. */
    lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('km')])),
    /** The reader's IANA time zone (the venue's), for the times the report prints; UTC if absent. */
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

const ANNEXES = ['decisions', 'participants', 'comments', 'votes'] as const;
type AnnexName = (typeof ANNEXES)[number];

/** The annexes a query asks for; an unknown name is a 400 that lists the known ones. */
export function parseAnnexes(query: string | undefined): Set<AnnexName> {
  const names = new Set<AnnexName>();
  for (const name of (query ?? '').split(',').filter(Boolean)) {
    const known = ANNEXES.find((annex) => annex === name.trim());
    if (!known) {
      throw new ApiError(
        400,
        'unknown-annex',
        `There is no annex "${name}"; choose from ${ANNEXES.join(', ')}, separated by commas.`,
      );
    }
    names.add(known);
  }
  return names;
}

/** The time zone to print times in; an unknown one is a 400 rather than a report in UTC. */
export function checkTimeZone(timeZone: string | undefined): string | undefined {
  if (timeZone === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ApiError(
      400,
      'unknown-time-zone',
      `"${timeZone}" is not a time zone, e.g. Asia/Phnom_Penh.`,
    );
  }
  return timeZone;
}

/** A Content-Disposition header that keeps a Khmer or accented file name (RFC 6266). */
export function attachmentHeader(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** `GET /api/plans/:planId/export`: the outcomes report in DOCX, PDF, Markdown or HTML. */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans/:planId/export',
    { schema: { params: PlanParams, querystring: ExportQuery } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const { format, suggestions, date, venue, lang = 'en' } = request.query;
      const timeZone = checkTimeZone(request.query.timeZone);
      const annexes = parseAnnexes(request.query.annexes);
      const steering =
        principal.actor.role === 'facilitator' || principal.actor.role === 'focal-point';
      // Names of participants in an atrocity-prevention dialogue are sensitive, and so
      // are the names in the decision log.
      if (annexes.size > 0 && !steering) {
        throw new ApiError(
          403,
          'forbidden',
          'Only the facilitator and the focal point may export the annexes.',
        );
      }
      // A consistent copy taken in the room's queue; rendering happens outside it.
      const state = await app.relay.read(planId, (doc) => Y.encodeStateAsUpdate(doc));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const closed = await closedRounds(planId);
      const file = await exportReport(state, format, {
        suggestions: suggestions ?? 'omit',
        annexes: await annexesOf(planId, doc, annexes, closed),
        ...(request.query.support === 'show' ? { support: supportBySection(doc, closed) } : {}),
        meta: {
          date: date ?? formatMoment(new Date(), lang, 'date', timeZone),
          venue: venue ?? '',
          language: lang,
          ...(timeZone === undefined ? {} : { timeZone }),
        },
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(file.fileName))
        .send(Buffer.from(file.bytes));
    },
  );

  async function annexesOf(
    planId: string,
    doc: Y.Doc,
    names: Set<AnnexName>,
    closed: ClosedRound[],
  ): Promise<ReportAnnexes> {
    if (names.size === 0) return {};
    const plan = readPlan(doc);
    return {
      ...(names.has('comments') ? { commentThreads: await commentsAnnex(planId, doc, plan) } : {}),
      ...(names.has('votes') ? { rounds: roundsAnnex(plan, closed) } : {}),
      ...(names.has('decisions') ? { decisionLog: await decisionAnnex(planId, plan) } : {}),
      ...(names.has('participants')
        ? { participantsByGroup: await participantsAnnex(planId, plan.groups) }
        : {}),
    };
  }

  /** Every decision, oldest first, as the annex reads it. */
  async function decisionAnnex(planId: string, plan: PlanState): Promise<DecisionLogEntry[]> {
    const groupName = (id: string | null) => plan.groups.find((g) => g.id === id)?.name ?? null;
    // A section removed since still has its decisions; the log keeps only its id.
    const sectionTitle = (id: string) => plan.sections.find((s) => s.id === id)?.title ?? id;
    const logged = await app.decisions.listDecisions(planId);
    return logged.reverse().map((entry) => ({
      at: entry.decidedAt.toISOString(),
      sectionTitle: sectionTitle(entry.sectionId),
      decision: describeDecision({ ...entry, groupName: groupName(entry.groupId) }),
      by: entry.decidedByName,
    }));
  }

  async function participantsAnnex(
    planId: string,
    groups: PlanState['groups'],
  ): Promise<GroupParticipants[]> {
    const participants = await app.access.listParticipants(planId);
    const byGroup = new Map<string, string[]>();
    for (const participant of participants) {
      const name = groups.find((g) => g.id === participant.groupId)?.name ?? 'Plenary';
      byGroup.set(name, [...(byGroup.get(name) ?? []), participant.name]);
    }
    return [...byGroup].map(([group, names]) => ({ group, names }));
  }

  /** Every thread, oldest first, its words as they read now (or as quoted, once detached). */
  async function commentsAnnex(
    planId: string,
    doc: Y.Doc,
    plan: PlanState,
  ): Promise<CommentAnnexThread[]> {
    const threads = await app.comments.listThreads(planId);
    const editor = await loadEditor();
    return threads.map((thread) => {
      const view = threadView(editor, doc, thread, null);
      return {
        sectionTitle: sectionTitleIn(plan, thread.sectionId),
        quote: view.quote,
        resolved: view.resolved,
        detached: view.detached,
        messages: thread.messages.map((message) => ({
          authorName: message.authorName,
          groupName: groupNameIn(plan, message.authorGroupId),
          at: message.at.toISOString(),
          text: message.text,
        })),
      };
    });
  }

  /** The plan's closed rounds with their views, oldest first. */
  async function closedRounds(planId: string): Promise<ClosedRound[]> {
    const rounds = (await app.rounds.listRounds(planId)).filter((r) => r.status === 'closed');
    if (rounds.length === 0) return [];
    return Promise.all(
      rounds.map(async (round) => {
        const votes = await app.rounds.listVotes(planId, round.id);
        const eligible = round.eligible ?? voters(votes).size;
        return { round, view: roundView(round, votes, eligible, null) };
      }),
    );
  }

  function roundsAnnex(plan: PlanState, closed: ClosedRound[]): RoundAnnexEntry[] {
    return closed.map(({ round, view }) => ({
      sectionTitle: sectionTitleIn(plan, round.sectionId),
      closedAt: round.closedAt?.toISOString() ?? '',
      answered: view.answered,
      eligible: view.eligible,
      items: view.items.map((item) => ({
        text: item.text,
        tally: item.tally ?? { agree: 0, disagree: 0, abstain: 0 },
        reasons: item.reasons ?? [],
      })),
    }));
  }

  /** For each live section's index, the tallies of its latest closed round by item text. */
  function supportBySection(doc: Y.Doc, closed: ClosedRound[]): Map<number, Map<string, Tally>> {
    const sections = readPlan(doc).sections;
    const bySection = new Map<number, Map<string, Tally>>();
    // Oldest first, so a later round's answer on the same words wins.
    for (const { round, view } of closed) {
      const index = sections.findIndex((section) => section.id === round.sectionId);
      if (index < 0) continue;
      const tallies = bySection.get(index) ?? new Map<string, Tally>();
      for (const item of view.items) if (item.tally) tallies.set(item.text.trim(), item.tally);
      bySection.set(index, tallies);
    }
    return bySection;
  }
};

/** A closed round and how the API shows it. */
interface ClosedRound {
  round: StoredRound;
  view: RoundView;
}

// A section removed since keeps its threads and rounds; only its id is left to name it.
const sectionTitleIn = (plan: PlanState, id: string) =>
  plan.sections.find((s) => s.id === id)?.title ?? id;
const groupNameIn = (plan: PlanState, id: string | null) =>
  plan.groups.find((g) => g.id === id)?.name ?? null;
