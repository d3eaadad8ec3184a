import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { formatMoment, type PlanState, readPlan } from '@plenary/model';
import {
  type DecisionLogEntry,
  describeDecision,
  exportReport,
  type GroupParticipants,
  type ReportAnnexes,
} from '@plenary/report';
import { Type } from 'typebox';
import * as Y from 'yjs';
import { principalFor } from '../access/requestAccess.ts';
import { ApiError } from '../errors.ts';
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
     * decision log, `participants` the participants per group.
     */
    annexes: Type.Optional(Type.String({ maxLength: 64 })),
    date: Type.Optional(Type.String({ maxLength: 80 })),
    venue: Type.Optional(Type.String({ maxLength: 160 })),
    /** The reader's interface language: dates and times are written its way. */
    lang: Type.Optional(Type.Union([Type.Literal('en'), Type.Literal('km')])),
    /** The reader's IANA time zone (the venue's), for the times the report prints; UTC if absent. */
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

const ANNEXES = ['decisions', 'participants'] as const;
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
      const file = await exportReport(state, format, {
        suggestions: suggestions ?? 'omit',
        annexes: await annexesOf(planId, state, annexes),
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
    state: Uint8Array,
    names: Set<AnnexName>,
  ): Promise<ReportAnnexes> {
    if (names.size === 0) return {};
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const plan = readPlan(doc);
    return {
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
};
