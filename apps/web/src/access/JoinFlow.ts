import { ApiError } from '../api/ApiError.ts';
import { fetchInviteInfo, fetchMe, joinPlan } from '../api/planApi.ts';
import type { InviteInfo, JoinRequest, JoinResponse, Me } from '../api/planTypes.ts';
import { readPlanAccess, updatePlanAccess } from './planAccess.ts';

/** Where joining a plan stands, from the stored tokens to an open session. */
export type JoinState =
  /** A stored session or invite is being checked with the server. */
  | { step: 'checking' }
  /** The invite works: the person gives the name they join under. */
  | { step: 'choosing'; invite: InviteInfo; pending: boolean; error: unknown }
  /** The session token works; `me` is who it is. */
  | { step: 'joined'; sessionToken: string; me: Me }
  /** This device holds no token for the plan. */
  | { step: 'needs-invite' }
  /** The server refused the link (401): `code` says why (revoked, expired, unknown…). */
  | { step: 'refused'; code: string; message: string }
  /** No plan has this id. */
  | { step: 'missing' }
  /** Something else went wrong (the network, most often); `retry` tries again. */
  | { step: 'failed'; error: unknown };

/** The server calls joining needs; tests pass fakes. */
export interface JoinApi {
  fetchMe(planId: string, sessionToken: string): Promise<Me>;
  fetchInviteInfo(planId: string, inviteToken: string): Promise<InviteInfo>;
  joinPlan(planId: string, inviteToken: string, request: JoinRequest): Promise<JoinResponse>;
}

const SERVER: JoinApi = { fetchMe, fetchInviteInfo, joinPlan };

/**
 * Codes of a 401 that no other token on this device can fix: the link itself is dead, or
 * the person was removed (the shared link this device holds must not bring them back).
 */
const DEAD_LINK = new Set(['revoked', 'expired', 'removed']);

const isRefusal = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 401;

/**
 * Takes a person from the tokens this device holds to a working session: a stored
 * session token is checked first (`GET /me`), then the invite (`GET /join`), and joining
 * (`POST /participants`) stores a new session token. Every step's outcome is a state
 * the join page shows in words.
 */
export class JoinFlow {
  readonly #planId: string;
  readonly #api: JoinApi;
  #state: JoinState = { step: 'checking' };
  // Each run numbers itself; an answer that arrives after a newer run started is dropped.
  #run = 0;
  readonly #listeners = new Set<() => void>();

  constructor(planId: string, api: JoinApi = SERVER) {
    this.#planId = planId;
    this.#api = api;
  }

  /** The current state; the same object until something changes (for useSyncExternalStore). */
  getState = (): JoinState => this.#state;

  /** Calls `listener` whenever the state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Checks what this device holds, from the start (also the "Try again" after a failure). */
  async start(): Promise<void> {
    const run = this.#nextRun();
    this.#set({ step: 'checking' });
    const { sessionToken } = readPlanAccess(this.#planId);
    if (sessionToken !== null) {
      const outcome = await this.#verify(sessionToken, run);
      if (outcome !== 'unknown-session') return;
    }
    const { inviteToken } = readPlanAccess(this.#planId);
    if (inviteToken === null) {
      this.#set({ step: 'needs-invite' });
      return;
    }
    try {
      const invite = await this.#api.fetchInviteInfo(this.#planId, inviteToken);
      if (run !== this.#run) return;
      updatePlanAccess(this.#planId, { title: invite.planTitle, role: invite.role });
      this.#set({ step: 'choosing', invite, pending: false, error: null });
    } catch (error) {
      if (run === this.#run) this.#fail(error);
    }
  }

  /** Joins with the stored invite as a new participant with the given name. */
  async join(request: JoinRequest): Promise<void> {
    const state = this.#state;
    const { inviteToken } = readPlanAccess(this.#planId);
    if (state.step !== 'choosing' || state.pending || inviteToken === null) return;
    const run = this.#nextRun();
    this.#set({ ...state, pending: true, error: null });
    try {
      const { sessionToken } = await this.#api.joinPlan(this.#planId, inviteToken, request);
      if (run !== this.#run) return;
      updatePlanAccess(this.#planId, { sessionToken });
      if ((await this.#verify(sessionToken, run)) === 'unknown-session') {
        // The token the server just gave does not open the plan: say so, let them retry.
        this.#set({
          ...state,
          pending: false,
          error: new Error('The server did not accept the new session.'),
        });
      }
    } catch (error) {
      if (run !== this.#run) return;
      // A name the server does not accept, or a dropped request: the person can try again.
      if (isRefusal(error)) this.#fail(error);
      else this.#set({ ...state, pending: false, error });
    }
  }

  /** Stops reporting; answers still on their way are ignored. */
  dispose(): void {
    this.#nextRun();
    this.#listeners.clear();
  }

  /** Asks who the session token is; says whether the invite should be tried instead. */
  async #verify(sessionToken: string, run: number): Promise<'done' | 'unknown-session'> {
    try {
      const me = await this.#api.fetchMe(this.#planId, sessionToken);
      if (run !== this.#run) return 'done';
      updatePlanAccess(this.#planId, { role: me.role, seenAt: new Date().toISOString() });
      this.#set({ step: 'joined', sessionToken, me });
      return 'done';
    } catch (error) {
      if (run !== this.#run) return 'done';
      if (!isRefusal(error)) {
        this.#fail(error);
        return 'done';
      }
      updatePlanAccess(this.#planId, { sessionToken: null });
      if (DEAD_LINK.has(error.code)) {
        this.#fail(error);
        return 'done';
      }
      // The server forgot the session (a restored backup, a wiped device): join again.
      return 'unknown-session';
    }
  }

  #fail(error: unknown): void {
    if (isRefusal(error)) {
      this.#set({ step: 'refused', code: error.code, message: error.message });
    } else if (error instanceof ApiError && error.status === 404) {
      this.#set({ step: 'missing' });
    } else {
      this.#set({ step: 'failed', error });
    }
  }

  #nextRun(): number {
    this.#run += 1;
    return this.#run;
  }

  #set(state: JoinState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
