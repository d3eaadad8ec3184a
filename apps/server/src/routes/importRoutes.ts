import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type PlanTemplate, readPlan, sectionFragmentName } from '@plenary/model';
import {
  DEFAULT_IMPORT_LIMITS,
  DOCX_CONTENT_TYPE,
  fileTooLarge,
  ImportError,
  type ImportFile,
  type ImportLimits,
  importFormatOf,
  importPlan,
  importSectionBody,
  MARKDOWN_CONTENT_TYPE,
} from '@plenary/report';
import type { FastifyError, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type * as Y from 'yjs';
import type { Principal } from '../access/Principal.ts';
import { principalFor, requireAdmin, requireRight } from '../access/requestAccess.ts';
import { loadEditor } from '../editorModule.ts';
import { ApiError, handleError } from '../errors.ts';
import { createdPlanResponse } from '../plans/createdPlanResponse.ts';
import { createPlan } from '../plans/createPlan.ts';
import { SectionParams } from './schemas.ts';

/** The content types an outline may be sent as; octet-stream leaves it to the file name. */
const FILE_CONTENT_TYPES = [
  DOCX_CONTENT_TYPE,
  MARKDOWN_CONTENT_TYPE,
  'text/x-markdown',
  'application/octet-stream',
];

const ImportQuery = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })) },
  { additionalProperties: false },
);

const SEND_AS =
  'Send the file itself as the request body, with the content type of a Word document (.docx) or text/markdown.';

/** The uploaded file as the converter takes it; refuses a request that carries none. */
function fileOf(request: FastifyRequest<{ Querystring: { name?: string } }>): ImportFile {
  const body = request.body;
  if (!Buffer.isBuffer(body)) throw new ApiError(415, 'unsupported-file-type', SEND_AS);
  const contentType = request.headers['content-type'];
  const format = importFormatOf(request.query.name ?? '', contentType);
  const fileName = request.query.name ?? (format === 'markdown' ? 'outline.md' : 'outline.docx');
  return { fileName, bytes: body, ...(format ? { format } : {}) };
}

/** An import's own refusals in HTTP terms: too big is 413, a file of another kind 415. */
function refusalOf(error: unknown, limits: ImportLimits): unknown {
  if (error instanceof ImportError) {
    const status = error.code === 'too-large' ? 413 : error.code === 'unknown-format' ? 415 : 422;
    return new ApiError(status, error.code, error.message);
  }
  const code = (error as Partial<FastifyError>).code;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return refusalOf(fileTooLarge(limits.maxBytes), limits);
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new ApiError(
      415,
      'unsupported-file-type',
      `Only .docx and .md files can be imported. ${SEND_AS}`,
    );
  }
  return error;
}

/**
 * Importing a draft outline: `POST /api/plans/import` makes a new plan of it (one section
 * per top heading) and `POST /api/plans/:planId/sections/:sectionId/import` replaces one
 * section's text with it. The file is converted whole before anything is written, and
 * the write is one step (one stored first state, or one relay transaction), so a file
 * that fails leaves no plan and no changed section behind.
 */
export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, store, config } = app;
  const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, maxBytes: config.maxImportBytes };

  // Registered in this plugin only, so no other route accepts raw files.
  app.addContentTypeParser(FILE_CONTENT_TYPES, { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ImportError && error.cause) {
      request.log.info({ err: error.cause, code: error.code }, 'import refused');
    }
    handleError(refusalOf(error, limits), request, reply);
  });

  app.post(
    '/plans/import',
    { bodyLimit: limits.maxBytes, schema: { querystring: ImportQuery } },
    async (request, reply) => {
      requireAdmin(request);
      const imported = await importPlan(fileOf(request), limits);
      const template: PlanTemplate = {
        id: 'import',
        name: 'Imported outline',
        sections: imported.sections.map(({ title, content }) => ({
          title,
          groupId: null,
          body: content,
        })),
      };
      const { id, state } = await createPlan(store, imported.title, template);
      request.log.info(
        { planId: id, sections: imported.sections.length, problems: imported.problems.length },
        'plan imported from an outline',
      );
      const created = await createdPlanResponse(request, id, state);
      return reply.status(201).send({ ...created, problems: imported.problems });
    },
  );

  /** Throws unless the principal may replace this live, unlocked section's text. */
  const checkReplace = (doc: Y.Doc, principal: Principal, sectionId: string) => {
    const plan = readPlan(doc);
    requireRight(principal, 'edit-structure', plan);
    const section = plan.sections.find((s) => s.id === sectionId);
    if (!section) {
      throw new ApiError(404, 'section-not-found', `This plan has no section "${sectionId}".`);
    }
    if (section.status === 'agreed') {
      throw new ApiError(
        409,
        'section-agreed',
        `"${section.title}" is agreed, so its text is locked. Reopen it before replacing its text.`,
      );
    }
  };

  app.post(
    '/plans/:planId/sections/:sectionId/import',
    { bodyLimit: limits.maxBytes, schema: { params: SectionParams, querystring: ImportQuery } },
    async (request) => {
      const { planId, sectionId } = request.params;
      const principal = await principalFor(request, planId);
      // Refused before converting, so an upload that may not land costs no work; checked
      // again when writing, as the plan may change while the file is converted.
      await relay.read(planId, (doc) => checkReplace(doc, principal, sectionId));
      const imported = await importSectionBody(fileOf(request), limits);
      const { writeRichText } = await loadEditor();
      await relay.transact(
        planId,
        (doc) => {
          checkReplace(doc, principal, sectionId);
          // Checked against the schema before it writes; it changes only what differs.
          writeRichText(doc.getXmlFragment(sectionFragmentName(sectionId)), imported.content);
        },
        principal.participantId,
      );
      return { problems: imported.problems };
    },
  );
};
