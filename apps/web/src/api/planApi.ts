import type { GroupState, Phase, SuggestingPolicy, TimerCommand } from '@plenary/model';
import { type ApiRequest, apiDownload, apiFetch } from './apiFetch.ts';
import type { CommentThread, NewThread, Round, VoteChoice } from './discussionTypes.ts';
import type { ImportReport } from './importTypes.ts';
import { outlineBody, outlineQuery } from './outlineFile.ts';
import type {
  Attribution,
  CreatedInvite,
  DecisionLogEntry,
  DecisionRequest,
  GroupChange,
  Invite,
  InviteInfo,
  JoinCode,
  JoinRequest,
  JoinResponse,
  Me,
  NewInvite,
  OpenedJoinCode,
  Participant,
  PresentationChange,
  SectionChange,
  SectionEdit,
} from './planTypes.ts';
import type { Comparison, RestoreResult, VersionSummary } from './versionTypes.ts';

/** The file formats the server writes the report in. */
export type ReportFormat = 'docx' | 'pdf' | 'md' | 'html';

/** What goes into a downloaded report. */
export interface ReportRequest {
  format: ReportFormat;
  /** Pending suggestions as tracked changes rather than left out. */
  trackedSuggestions: boolean;
  /** The participants per group as an annex (facilitator and focal point only). */
  participants: boolean;
  /** The decisions on suggestions as an annex (facilitator and focal point only). */
  decisionLog: boolean;
  /** The comment threads as an annex (facilitator and focal point only). */
  comments?: boolean;
  /** The tallies of closed consensus rounds as an annex (facilitator and focal point only). */
  votes?: boolean;
  /** The level of support printed after each recommendation a closed round answered. */
  support?: boolean;
  /** When and where the dialogue took place, for the title page (the server's today and none if blank). */
  date: string;
  venue: string;
  /** Times in the report are written as this device shows them: in its language and time zone. */
  language: string;
  timeZone: string;
}

const reportQuery = ({
  format,
  trackedSuggestions,
  participants,
  decisionLog,
  comments,
  votes,
  support,
  date,
  venue,
  language,
  timeZone,
}: ReportRequest): string => {
  const query = new URLSearchParams({
    format,
    suggestions: trackedSuggestions ? 'tracked' : 'omit',
  });
  if (date.trim()) query.set('date', date.trim());
  if (venue.trim()) query.set('venue', venue.trim());
  query.set('lang', language.startsWith('km') ? 'km' : 'en');
  query.set('timeZone', timeZone);
  const annexes = [
    decisionLog && 'decisions',
    participants && 'participants',
    comments && 'comments',
    votes && 'votes',
  ].filter(Boolean);
  if (support) query.set('support', 'show');
  if (annexes.length > 0) query.set('annexes', annexes.join(','));
  return query.toString();
};

const planPath = (planId: string, rest = ''): string =>
  `/plans/${encodeURIComponent(planId)}${rest}`;

/** The server's clock (ms since the epoch), for measuring this device's offset from it. */
export const fetchServerTime = async (): Promise<number> =>
  (await apiFetch<{ now: number }>('/time')).now;

/** Who this session token is in the plan; a 401 means the token no longer opens it. */
export const fetchMe = (planId: string, sessionToken: string, signal?: AbortSignal): Promise<Me> =>
  apiFetch<Me>(planPath(planId, '/me'), { token: sessionToken, signal });

/** What an invite link opens, and who joined with it already. */
export const fetchInviteInfo = (planId: string, inviteToken: string): Promise<InviteInfo> =>
  apiFetch<InviteInfo>(planPath(planId, '/join'), { token: inviteToken });

/** Joins a plan with an invite link, as a new participant or one who joined before. */
export const joinPlan = (
  planId: string,
  inviteToken: string,
  request: JoinRequest,
): Promise<JoinResponse> =>
  apiFetch<JoinResponse>(planPath(planId, '/participants'), {
    method: 'POST',
    body: request,
    token: inviteToken,
  });

/**
 * The plan's REST calls for one participant, bound to the plan and their session token.
 * Structural changes come back through the live doc, so the answers are rarely needed.
 */
/** Opens the shared link a typed join code stands for; no token needed, guesses are limited. */
export const openJoinCode = (code: string): Promise<OpenedJoinCode> =>
  apiFetch<OpenedJoinCode>('/join-codes', { method: 'POST', body: { code } });

export function planApi(planId: string, sessionToken: string) {
  const call = <T>(rest: string, request: ApiRequest = {}): Promise<T> =>
    apiFetch<T>(planPath(planId, rest), { ...request, token: sessionToken });
  return {
    setPhase: (phase: Phase) => call<unknown>('/phase', { method: 'PUT', body: { phase } }),
    setSuggesting: (change: Partial<SuggestingPolicy>) =>
      call<{ suggesting: SuggestingPolicy }>('/suggesting', { method: 'PUT', body: change }),
    updateSection: (sectionId: string, change: SectionChange) =>
      call<unknown>(`/sections/${encodeURIComponent(sectionId)}`, {
        method: 'PATCH',
        body: change,
      }),
    importSection: (sectionId: string, file: File) =>
      call<ImportReport>(`/sections/${encodeURIComponent(sectionId)}/import${outlineQuery(file)}`, {
        method: 'POST',
        body: outlineBody(file),
      }),
    addGroup: (name: string) => call<GroupState>('/groups', { method: 'POST', body: { name } }),
    updateGroup: (groupId: string, change: GroupChange) =>
      call<GroupState>(`/groups/${encodeURIComponent(groupId)}`, { method: 'PATCH', body: change }),
    archiveGroup: (groupId: string) =>
      call<void>(`/groups/${encodeURIComponent(groupId)}`, { method: 'DELETE' }),
    invites: async (signal?: AbortSignal) =>
      (await call<{ invites: Invite[] }>('/invites', { signal })).invites,
    createInvite: (invite: NewInvite) =>
      call<CreatedInvite>('/invites', { method: 'POST', body: invite }),
    joinCode: (inviteId: string, signal?: AbortSignal) =>
      call<JoinCode>(`/invites/${encodeURIComponent(inviteId)}/join-code`, { signal }),
    revokeInvite: (inviteId: string) =>
      call<void>(`/invites/${encodeURIComponent(inviteId)}`, { method: 'DELETE' }),
    participants: async (signal?: AbortSignal) =>
      (await call<{ participants: Participant[] }>('/participants', { signal })).participants,
    removeParticipant: (participantId: string) =>
      call<void>(`/participants/${encodeURIComponent(participantId)}`, { method: 'DELETE' }),
    present: (change: PresentationChange) =>
      call<unknown>('/presentation', { method: 'PUT', body: change }),
    timer: (command: TimerCommand) => call<unknown>('/timer', { method: 'PUT', body: command }),
    decide: (request: DecisionRequest) =>
      call<{ decided: DecisionLogEntry[]; gone: DecisionRequest['suggestions'] }>('/decisions', {
        method: 'POST',
        body: request,
      }),
    decisions: async (signal?: AbortSignal) =>
      (await call<{ decisions: DecisionLogEntry[] }>('/decisions', { signal })).decisions,
    myDecisions: async (signal?: AbortSignal) =>
      (await call<{ decisions: DecisionLogEntry[] }>('/decisions/mine', { signal })).decisions,
    sectionEdits: async (signal?: AbortSignal) =>
      (await call<{ edits: SectionEdit[] }>('/section-edits', { signal })).edits,
    attribution: async (signal?: AbortSignal) =>
      (await call<{ clients: Attribution[] }>('/attribution', { signal })).clients,
    versions: async (signal?: AbortSignal) =>
      (await call<{ versions: VersionSummary[] }>('/versions', { signal })).versions,
    saveVersion: async (name: string) =>
      (await call<{ version: VersionSummary }>('/versions', { method: 'POST', body: { name } }))
        .version,
    compareVersions: (fromId: string, toId: string, signal?: AbortSignal) =>
      call<Comparison>(`/versions/compare?${new URLSearchParams({ from: fromId, to: toId })}`, {
        signal,
      }),
    restoreVersion: (versionId: string, sectionId?: string) =>
      call<RestoreResult>(`/versions/${encodeURIComponent(versionId)}/restore`, {
        method: 'POST',
        body: sectionId === undefined ? {} : { sectionId },
      }),
    comments: async (signal?: AbortSignal) =>
      (await call<{ threads: CommentThread[] }>('/comments', { signal })).threads,
    startThread: (thread: NewThread) =>
      call<CommentThread>('/comments', { method: 'POST', body: thread }),
    reply: (threadId: string, text: string) =>
      call<CommentThread>(`/comments/${encodeURIComponent(threadId)}/replies`, {
        method: 'POST',
        body: { text },
      }),
    resolveThread: (threadId: string, resolved: boolean) =>
      call<CommentThread>(`/comments/${encodeURIComponent(threadId)}`, {
        method: 'PATCH',
        body: { resolved },
      }),
    rounds: async (signal?: AbortSignal) =>
      (await call<{ rounds: Round[] }>('/rounds', { signal })).rounds,
    openRound: (sectionId: string) =>
      call<Round>('/rounds', { method: 'POST', body: { sectionId } }),
    vote: (roundId: string, itemId: string, choice: VoteChoice) =>
      call<unknown>(`/rounds/${encodeURIComponent(roundId)}/votes/${encodeURIComponent(itemId)}`, {
        method: 'PUT',
        body: { choice },
      }),
    closeRound: (roundId: string) =>
      call<Round>(`/rounds/${encodeURIComponent(roundId)}/close`, { method: 'POST' }),
    downloadReport: (report: ReportRequest) =>
      apiDownload(planPath(planId, `/export?${reportQuery(report)}`), { token: sessionToken }),
  };
}

/** The calls `planApi` binds to one participant's session. */
export type PlanApi = ReturnType<typeof planApi>;
