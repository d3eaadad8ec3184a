import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readPlan } from '@plenary/model';
import type { StoredVersion } from '@plenary/storage';
import type { SectionDiff } from '@plenary/versions';
import { Type } from 'typebox';
import * as Y from 'yjs';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { saveVersion } from '../versions/saveVersion.ts';
import { authorOf, summaryOf, versionLabel } from '../versions/versionSummary.ts';
import { PlanParams } from './schemas.ts';

/** The longest name a version may have, once trimmed. */
const MAX_NAME_LENGTH = 120;

/** Body of `POST /api/plans/:planId/versions`; trimmed and checked again in the route. */
const SaveVersionBody = Type.Object(
  // Room for surrounding blanks: the limit that counts is checked after trimming.
  { name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH * 2 }) },
  { additionalProperties: false },
);

const VersionParams = Type.Object({
  planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }),
  versionId: Type.String({ minLength: 1, maxLength: 64 }),
});

/** The later side of a comparison: a version's id, or `now` for the live plan. */
const NOW = 'now';

const CompareQuery = Type.Object(
  {
    from: Type.String({ minLength: 1, maxLength: 64 }),
    to: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const RestoreBody = Type.Object(
  { sectionId: Type.Optional(Type.String({ pattern: '^[0-9a-z]{1,64}$' })) },
  { additionalProperties: false },
);

const versionNotFound = (versionId: string) =>
  new ApiError(
    404,
    'version-not-found',
    `This plan has no version "${versionId}"; reload the history and pick one from it.`,
  );

/** Every participant a section diff names, as who added, removed, renamed or wrote. */
function namedParticipants(sections: SectionDiff[]): Set<string> {
  const ids = new Set<string>();
  const add = (id: string | null | undefined) => {
    if (id) ids.add(id);
  };
  for (const section of sections) {
    add(section.participantId);
    for (const block of section.blocks) {
      add(block.participantId);
      for (const run of block.runs) add(run.participantId);
    }
  }
  return ids;
}

/**
 * A plan's saved versions: the history list, named versions, comparing two versions (or
 * one with now) and restoring one. A restore is a new change on top of the live plan,
 * made after saving the plan as it was, so it can itself be undone and nothing is lost.
 */
export const versionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, store, access, versions } = app;

  /** The version with this id among the plan's `saved` (newest first), with its place there; or 404. */
  function findVersion(saved: StoredVersion[], versionId: string) {
    const index = saved.findIndex((v) => v.id === versionId);
    const version = saved[index];
    if (!version) throw versionNotFound(versionId);
    return { version, index };
  }

  /** The state saved with a version, or 404. */
  async function stateOf(planId: string, versionId: string): Promise<Uint8Array> {
    const state = await versions.versionState(planId, versionId);
    if (!state) throw versionNotFound(versionId);
    return state;
  }

  app.get('/plans/:planId/versions', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    await principalFor(request, planId);
    return { versions: (await versions.listVersions(planId)).map(summaryOf) };
  });

  app.post(
    '/plans/:planId/versions',
    { schema: { params: PlanParams, body: SaveVersionBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'save-version', await relay.read(planId, readPlan));
      const name = request.body.name.trim();
      if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
        throw new ApiError(
          400,
          'invalid-name',
          `Give the version a name of 1 to ${MAX_NAME_LENGTH} characters, such as "End of day 1".`,
        );
      }
      const version = await saveVersion(app, planId, {
        name,
        reason: 'named',
        ...authorOf(principal),
      });
      return reply.status(201).send({ version: summaryOf(version) });
    },
  );

  app.get(
    '/plans/:planId/versions/compare',
    { schema: { params: PlanParams, querystring: CompareQuery } },
    async (request) => {
      const { planId } = request.params;
      await principalFor(request, planId);
      const { from, to = NOW } = request.query;
      const { compareVersions, versionAttribution } = await loadEditor();
      const saved = await versions.listVersions(planId);
      const first = findVersion(saved, from);
      const second = to === NOW ? null : findVersion(saved, to);
      // Versions are only ever added, so the older one (later in the newest-first list,
      // which also orders versions saved in the same millisecond) is the ancestor the
      // comparison needs.
      const [older, newer] =
        second && second.index > first.index
          ? [second.version, first.version]
          : [first.version, second?.version ?? null];
      const [before, after, attribution, participants] = await Promise.all([
        stateOf(planId, older.id),
        newer ? stateOf(planId, newer.id) : relay.read(planId, (doc) => Y.encodeStateAsUpdate(doc)),
        Promise.all([store.clientAttribution(planId), store.deletionAttribution(planId)]).then(
          ([clients, deletions]) => versionAttribution(clients, deletions),
        ),
        access.listParticipants(planId),
      ]);
      const sections = compareVersions(before, after, attribution);
      const named = namedParticipants(sections);
      return {
        from: summaryOf(older),
        to: newer ? summaryOf(newer) : null,
        sections,
        people: participants
          .filter((participant) => named.has(participant.id))
          .map(({ id, name, groupId }) => ({ participantId: id, name, groupId })),
      };
    },
  );

  app.post(
    '/plans/:planId/versions/:versionId/restore',
    { schema: { params: VersionParams, body: RestoreBody } },
    async (request) => {
      const { planId, versionId } = request.params;
      const principal = await principalFor(request, planId);
      requireRight(principal, 'restore-version', await relay.read(planId, readPlan));
      const { sectionId } = request.body;
      const { version } = findVersion(await versions.listVersions(planId), versionId);
      const state = await stateOf(planId, versionId);
      if (sectionId !== undefined && !sectionsOf(state).has(sectionId)) {
        // Checked before the safety version is saved, so a refused restore leaves no trace.
        throw sectionNotInVersion(sectionId);
      }
      const { restorePlan, restoreSection, VersionRestoreError } = await loadEditor();
      const safetyVersion = await saveVersion(app, planId, {
        name: `Before restoring “${versionLabel(version)}”`,
        reason: 'restore',
        ...authorOf(principal),
      });
      try {
        await relay.transact(
          planId,
          (doc) => {
            requireRight(principal, 'restore-version', readPlan(doc));
            if (sectionId === undefined) restorePlan(doc, state);
            else restoreSection(doc, state, sectionId);
          },
          principal.participantId,
        );
      } catch (error) {
        if (error instanceof VersionRestoreError) throw sectionNotInVersion(sectionId ?? '');
        throw error;
      }
      return {
        restored: sectionId === undefined ? 'plan' : 'section',
        safetyVersion: summaryOf(safetyVersion),
      };
    },
  );
};

/** The ids of the sections a saved state lists. */
function sectionsOf(state: Uint8Array): Set<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const ids = new Set(readPlan(doc).sections.map((section) => section.id));
  doc.destroy();
  return ids;
}

const sectionNotInVersion = (sectionId: string) =>
  new ApiError(
    404,
    'section-not-in-version',
    `Section "${sectionId}" is not in this version, so it cannot be restored from it; ` +
      'restore the whole plan or pick a later version.',
  );
