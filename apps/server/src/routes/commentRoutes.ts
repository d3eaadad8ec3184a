import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { EncodedAnchor } from '@plenary/editor';
import { can, readPlan, sectionFragmentName } from '@plenary/model';
import type { StoredCommentThread } from '@plenary/storage';
import { Type } from 'typebox';
import type * as Y from 'yjs';
import type { Principal } from '../access/Principal.ts';
import { principalFor, requireRight } from '../access/requestAccess.ts';
import { announce, requireParticipant } from '../discussion/discussionAccess.ts';
import { type EditorModule, loadEditor } from '../editorModule.ts';
import { ApiError } from '../errors.ts';
import { sectionFragment } from '../plans/sectionFragment.ts';
import { PlanParams } from './schemas.ts';

const CommentText = Type.String({ minLength: 1, maxLength: 4000, pattern: '\\S' });
/** An encoded Yjs relative position, base64. */
const Position = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9+/]+=*$' });

const NewThreadBody = Type.Object(
  {
    sectionId: Type.String({ pattern: '^[0-9a-z]{1,64}$' }),
    /** The selected words; "" comments on the section as a whole. */
    quote: Type.String({ maxLength: 2000 }),
    text: CommentText,
    /**
     * Where the words were selected, as relative positions made on the client's copy: kept
     * only when they cover the quote, so a quote that occurs twice sits where it was chosen.
     */
    anchor: Type.Optional(
      Type.Object({ start: Position, end: Position }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

const ReplyBody = Type.Object({ text: CommentText }, { additionalProperties: false });
const ResolveBody = Type.Object({ resolved: Type.Boolean() }, { additionalProperties: false });
const ThreadParams = Type.Object({
  planId: Type.String({ pattern: '^[0-9a-z]{6,64}$' }),
  threadId: Type.String({ minLength: 1, maxLength: 64 }),
});

/** A thread as the API shows it. */
export interface ThreadView {
  id: string;
  sectionId: string;
  /** The words it is attached to now; the words first quoted once detached. */
  quote: string;
  resolved: boolean;
  /** Its words were deleted: the thread stays, with the quote it started from. */
  detached: boolean;
  /** Its range for the client to resolve on its own copy, or null (section, or detached). */
  anchor: { start: string; end: string } | null;
  /** Whether the caller started it (and so may resolve or reopen it). */
  mine: boolean;
  messages: {
    id: string;
    authorName: string;
    authorGroupId: string | null;
    text: string;
    at: string;
  }[];
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

function storedAnchor(thread: StoredCommentThread): EncodedAnchor | null {
  return thread.anchorStart && thread.anchorEnd
    ? { start: thread.anchorStart, end: thread.anchorEnd }
    : null;
}

/**
 * The thread as a caller sees it (null: nobody's own), its range resolved on the document
 * by the editor package (`loadEditor`, which the caller has awaited).
 */
export function threadView(
  editor: Pick<EditorModule, 'resolveAnchor'>,
  doc: Y.Doc,
  thread: StoredCommentThread,
  participantId: string | null,
): ThreadView {
  const anchor = storedAnchor(thread);
  const resolved = anchor
    ? editor.resolveAnchor(doc.getXmlFragment(sectionFragmentName(thread.sectionId)), anchor)
    : null;
  const attached = resolved !== null && !resolved.detached;
  return {
    id: thread.id,
    sectionId: thread.sectionId,
    quote: attached ? resolved.text : thread.quote,
    resolved: thread.resolved,
    // A quote without a range is one whose words were gone before the thread was stored.
    detached: thread.quote !== '' && !attached,
    anchor: attached && anchor ? { start: base64(anchor.start), end: base64(anchor.end) } : null,
    mine: participantId !== null && thread.messages[0]?.authorId === participantId,
    messages: thread.messages.map((message) => ({
      id: message.id,
      authorName: message.authorName,
      authorGroupId: message.authorGroupId,
      text: message.text,
      at: message.at.toISOString(),
    })),
  };
}

/**
 * Comment threads on the plan's text. Everyone who can open the plan reads them; all but
 * observers write them, signed with the name and group the server holds for the token.
 */
export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { relay, comments } = app;

  const view = async (planId: string, principal: Principal, thread: StoredCommentThread) => {
    const editor = await loadEditor();
    return relay.read(planId, (doc) => threadView(editor, doc, thread, principal.participantId));
  };

  const notFound = (threadId: string) =>
    new ApiError(404, 'comment-not-found', `This plan has no comment thread "${threadId}".`);

  /** The principal's name and group, after checking they may comment at all. */
  async function commenter(planId: string, principal: Principal) {
    requireRight(principal, 'comment', await relay.read(planId, readPlan));
    const participant = requireParticipant(principal);
    return {
      authorId: participant.id,
      authorName: participant.name,
      authorGroupId: principal.actor.groupId,
    };
  }

  app.get('/plans/:planId/comments', { schema: { params: PlanParams } }, async (request) => {
    const { planId } = request.params;
    const principal = await principalFor(request, planId);
    const threads = await comments.listThreads(planId);
    const editor = await loadEditor();
    return {
      threads: await relay.read(planId, (doc) =>
        threads.map((t) => threadView(editor, doc, t, principal.participantId)),
      ),
    };
  });

  app.post(
    '/plans/:planId/comments',
    { schema: { params: PlanParams, body: NewThreadBody } },
    async (request, reply) => {
      const { planId } = request.params;
      const principal = await principalFor(request, planId);
      const author = await commenter(planId, principal);
      const { sectionId, quote, text, anchor } = request.body;
      const { anchorQuote, checkedAnchor } = await loadEditor();
      const range = await relay.read(planId, (doc) => {
        const fragment = sectionFragment(doc, sectionId);
        if (quote.trim() === '') return null;
        const proposed = anchor && { start: bytes(anchor.start), end: bytes(anchor.end) };
        return (
          (proposed && checkedAnchor(fragment, proposed, quote)) ?? anchorQuote(fragment, quote)
        );
      });
      const thread = await comments.createThread(planId, {
        id: randomUUID(),
        sectionId,
        quote: quote.trim() === '' ? '' : quote,
        anchorStart: range?.start ?? null,
        anchorEnd: range?.end ?? null,
        firstMessage: { id: randomUUID(), ...author, text },
      });
      await announce(relay, planId, 'comments', principal, request.log);
      return reply.status(201).send(await view(planId, principal, thread));
    },
  );

  app.post(
    '/plans/:planId/comments/:threadId/replies',
    { schema: { params: ThreadParams, body: ReplyBody } },
    async (request, reply) => {
      const { planId, threadId } = request.params;
      const principal = await principalFor(request, planId);
      const author = await commenter(planId, principal);
      const thread = await comments.addMessage(planId, threadId, {
        id: randomUUID(),
        ...author,
        text: request.body.text,
      });
      if (!thread) throw notFound(threadId);
      await announce(relay, planId, 'comments', principal, request.log);
      return reply.status(201).send(await view(planId, principal, thread));
    },
  );

  app.patch(
    '/plans/:planId/comments/:threadId',
    { schema: { params: ThreadParams, body: ResolveBody } },
    async (request) => {
      const { planId, threadId } = request.params;
      const principal = await principalFor(request, planId);
      const plan = await relay.read(planId, readPlan);
      requireRight(principal, 'comment', plan);
      const existing = await comments.getThread(planId, threadId);
      if (!existing) throw notFound(threadId);
      const isAuthor =
        principal.participantId !== null &&
        existing.messages[0]?.authorId === principal.participantId;
      if (!isAuthor && !can(principal.actor, 'moderate-comments', { phase: plan.phase })) {
        throw new ApiError(
          403,
          'forbidden',
          'Only the person who started a thread, the focal point or the facilitator may resolve or reopen it.',
        );
      }
      const thread = await comments.setResolved(planId, threadId, request.body.resolved);
      if (!thread) throw notFound(threadId);
      await announce(relay, planId, 'comments', principal, request.log);
      return view(planId, principal, thread);
    },
  );
};
