import { can, type PlanState } from '@plenary/model';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { CommentThread } from '../../api/discussionTypes.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { SectionSelect } from './SectionSelect.tsx';
import type { ThreadRequest } from './threadRequest.ts';
import { useCommentActions, useComments } from './useDiscussion.ts';
import { type SectionSelection, useSectionSelection } from './useSectionSelection.ts';

type StatusFilter = 'open' | 'resolved' | 'all';

/**
 * The plan's comment threads beside the text: a form to comment on the words selected
 * in a section, filters (status, section, group), and each thread with its replies. A
 * thread chosen in the text (`request`) is shown whatever the filters, and scrolled to.
 */
export function CommentsPanel({
  plan,
  doc,
  request,
}: {
  plan: PlanState;
  doc: Y.Doc;
  request: ThreadRequest | null;
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  const threads = useComments(doc);
  const [status, setStatus] = useState<StatusFilter>('open');
  const [sectionId, setSectionId] = useState('');
  const [groupId, setGroupId] = useState('');
  const comments = can(actor, 'comment', { phase: plan.phase });
  const shown = useMemo(
    () =>
      (threads.data ?? []).filter(
        (thread) =>
          (status === 'all' || thread.resolved === (status === 'resolved')) &&
          (sectionId === '' || thread.sectionId === sectionId) &&
          (groupId === '' || (thread.messages[0]?.authorGroupId ?? 'plenary') === groupId),
      ),
    [threads.data, status, sectionId, groupId],
  );
  const list = useRef<HTMLUListElement>(null);
  const requested = request ? threads.data?.find((thread) => thread.id === request.threadId) : null;
  // Filters that would hide the chosen thread step aside for it, once per choice.
  const adjusted = useRef<ThreadRequest | null>(null);
  useEffect(() => {
    if (!request || !requested || adjusted.current === request) return;
    adjusted.current = request;
    setStatus((current) =>
      current === 'all' || (current === 'resolved') === requested.resolved ? current : 'all',
    );
    setSectionId((current) => (current === requested.sectionId ? current : ''));
    setGroupId('');
  }, [request, requested]);
  const shownRequest = request && shown.some((thread) => thread.id === request.threadId);
  const handled = useRef<ThreadRequest | null>(null);
  useEffect(() => {
    if (!request || !shownRequest || handled.current === request) return;
    handled.current = request;
    const article = list.current?.querySelector<HTMLElement>(
      `[data-thread-id="${CSS.escape(request.threadId)}"]`,
    );
    article?.scrollIntoView({ block: 'nearest' });
    if (request.focus) article?.focus();
  }, [request, shownRequest]);
  return (
    <section className="side-panel discussion" aria-labelledby="comments-heading">
      <h2 id="comments-heading" className="side-panel__heading">
        {t('discussion.heading')}
      </h2>
      {comments && <NewThreadForm plan={plan} />}
      <fieldset className="discussion__filters">
        <legend>{t('discussion.filters')}</legend>
        <label>
          {t('discussion.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as StatusFilter)}>
            <option value="open">{t('discussion.open')}</option>
            <option value="resolved">{t('discussion.resolved')}</option>
            <option value="all">{t('discussion.all')}</option>
          </select>
        </label>
        <SectionSelect
          label={t('discussion.section')}
          sections={plan.sections}
          value={sectionId}
          onChange={setSectionId}
          anyLabel={t('discussion.all')}
        />
        <label>
          {t('discussion.group')}{' '}
          <select value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">{t('discussion.all')}</option>
            <option value="plenary">{t('discussion.plenary')}</option>
            {plan.groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {threads.error && <ErrorMessage error={threads.error} />}
      {shown.length === 0 ? (
        <p className="muted">{t('discussion.none')}</p>
      ) : (
        <ul className="discussion__threads" ref={list}>
          {shown.map((thread) => (
            <li key={thread.id}>
              <ThreadView
                thread={thread}
                plan={plan}
                writes={comments}
                chosen={thread.id === request?.threadId}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function NewThreadForm({ plan }: { plan: PlanState }) {
  const { t } = useTranslation();
  const selection = useSectionSelection();
  const { start } = useCommentActions();
  const [target, setTarget] = useState<SectionSelection | null>(null);
  const [text, setText] = useState('');
  const id = useId();
  const section = plan.sections.find((s) => s.id === target?.sectionId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target || !text.trim()) return;
    start.mutate(
      { sectionId: target.sectionId, quote: target.quote, text },
      {
        onSuccess: () => {
          setText('');
          setTarget(null);
        },
      },
    );
  };
  if (!target) {
    return (
      <div className="discussion__new">
        <p className="muted">{t('discussion.commentHint')}</p>
        <button
          type="button"
          className="button button--primary"
          data-testid="comment-selection"
          // Keep the text's selection: a mouse press on the button would otherwise clear it.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => setTarget(selection.current)}
        >
          {t('discussion.comment')}
        </button>
        {selection.current === null && (
          <span className="visually-hidden">{t('discussion.noSection')}</span>
        )}
      </div>
    );
  }
  return (
    <form className="discussion__new" onSubmit={submit}>
      <p className="discussion__target">
        <strong>{section?.title}</strong>
        {target.quote ? <q>{target.quote}</q> : <span> · {t('discussion.onSection')}</span>}
      </p>
      <label htmlFor={id}>{t('discussion.commentLabel')}</label>
      <textarea
        id={id}
        value={text}
        maxLength={4000}
        required
        // biome-ignore lint/a11y/noAutofocus: the person just asked to write this comment.
        autoFocus
        onChange={(e) => setText(e.target.value)}
      />
      <div className="discussion__actions">
        <button type="submit" className="button button--primary" disabled={start.isPending}>
          {t('discussion.post')}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setTarget(null)}>
          {t('common.cancel')}
        </button>
      </div>
      {start.error && <ErrorMessage error={start.error} />}
    </form>
  );
}

function ThreadView({
  thread,
  plan,
  writes,
  chosen,
}: {
  thread: CommentThread;
  plan: PlanState;
  writes: boolean;
  /** Last chosen in the text. */
  chosen: boolean;
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  const { reply, resolve } = useCommentActions();
  const [text, setText] = useState('');
  const id = useId();
  const section = plan.sections.find((s) => s.id === thread.sectionId);
  const groupName = (groupId: string | null) =>
    plan.groups.find((g) => g.id === groupId)?.name ?? t('discussion.plenary');
  const mayResolve =
    writes && (thread.mine || can(actor, 'moderate-comments', { phase: plan.phase }));
  return (
    <article
      className={
        thread.resolved ? 'discussion__thread discussion__thread--resolved' : 'discussion__thread'
      }
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved={thread.resolved}
      data-chosen={chosen}
      // Focused when chosen from the text by keyboard, so the reply is a Tab away.
      tabIndex={-1}
      aria-label={thread.quote || section?.title}
    >
      <p className="discussion__target">
        <a href={`#section-${thread.sectionId}`}>{section?.title ?? thread.sectionId}</a>
        {thread.quote ? <q>{thread.quote}</q> : <span> · {t('discussion.onSection')}</span>}
        {thread.detached && <span className="badge">{t('discussion.detached')}</span>}
        {thread.resolved && <span className="badge">{t('discussion.resolvedBadge')}</span>}
      </p>
      <ol className="discussion__messages">
        {thread.messages.map((message) => (
          <li key={message.id}>
            <strong>{message.authorName}</strong>{' '}
            <span className="muted">
              ({groupName(message.authorGroupId)}) {new Date(message.at).toLocaleTimeString()}
            </span>
            <p>{message.text}</p>
          </li>
        ))}
      </ol>
      {writes && (
        <form
          className="discussion__reply"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            reply.mutate({ id: thread.id, text }, { onSuccess: () => setText('') });
          }}
        >
          <label htmlFor={id}>{t('discussion.replyLabel')}</label>
          <textarea
            id={id}
            value={text}
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
          />
          <div className="discussion__actions">
            <button type="submit" className="button button--secondary" disabled={reply.isPending}>
              {t('discussion.reply')}
            </button>
            {mayResolve && (
              <button
                type="button"
                className="button button--secondary"
                disabled={resolve.isPending}
                onClick={() => resolve.mutate({ id: thread.id, resolved: !thread.resolved })}
              >
                {thread.resolved ? t('discussion.reopen') : t('discussion.resolve')}
              </button>
            )}
          </div>
          {(reply.error || resolve.error) && <ErrorMessage error={reply.error ?? resolve.error} />}
        </form>
      )}
    </article>
  );
}
