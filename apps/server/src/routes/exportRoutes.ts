import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readPlan } from '@plenary/model';
import { exportReport, type GroupParticipants } from '@plenary/report';
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
    /** `participants` adds the participants per group (facilitator and focal point only). */
    annexes: Type.Optional(Type.Literal('participants')),
    date: Type.Optional(Type.String({ maxLength: 80 })),
    venue: Type.Optional(Type.String({ maxLength: 160 })),
  },
  { additionalProperties: false },
);

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
      const { format, suggestions, annexes, date, venue } = request.query;
      const steering =
        principal.actor.role === 'facilitator' || principal.actor.role === 'focal-point';
      // Names of participants in an atrocity-prevention dialogue are sensitive.
      if (annexes && !steering) {
        throw new ApiError(
          403,
          'forbidden',
          'Only the facilitator and the focal point may export the annexes.',
        );
      }
      // A consistent copy taken in the room's queue; rendering happens outside it.
      const state = await app.relay.read(planId, (doc) => Y.encodeStateAsUpdate(doc));
      const participantsByGroup = annexes ? await participantsAnnex(planId, state) : undefined;
      const file = await exportReport(state, format, {
        suggestions: suggestions ?? 'omit',
        annexes: participantsByGroup ? { participantsByGroup } : {},
        meta: {
          date: date ?? new Date().toISOString().slice(0, 10),
          venue: venue ?? '',
        },
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(file.fileName))
        .send(Buffer.from(file.bytes));
    },
  );

  async function participantsAnnex(
    planId: string,
    state: Uint8Array,
  ): Promise<GroupParticipants[]> {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const groups = readPlan(doc).groups;
    const participants = await app.access.listParticipants(planId);
    const byGroup = new Map<string, string[]>();
    for (const participant of participants) {
      const name = groups.find((g) => g.id === participant.groupId)?.name ?? 'Plenary';
      byGroup.set(name, [...(byGroup.get(name) ?? []), participant.name]);
    }
    return [...byGroup].map(([group, names]) => ({ group, names }));
  }
};
