/**
 * The REST calls a scenario makes before anyone opens a page: creating a plan and its
 * invite links. People then join through the real join dialog with those links.
 */
import type { GroupState, Role, SectionState } from '@plenary/model';
import type { PlenaryServer } from './server.ts';

/** A plan created for a test, with what the facilitator's link gives. */
export interface TestPlan {
  id: string;
  title: string;
  /** The facilitator's invite link (`…/plans/<id>#invite=<token>`). */
  url: string;
  facilitatorToken: string;
  sections: SectionState[];
  groups: GroupState[];
  /** The server the plan lives on. */
  server: PlenaryServer;
}

/** An invite link as `POST /api/plans/:id/invites` returns it. */
export interface TestInvite {
  id: string;
  token: string;
  url: string;
}

/** Who a link is for: a role and, for members, the name of their breakout group. */
export type Invitee = { role: Exclude<Role, 'member'> } | { role: 'member'; group: string };

/** The R2P National Action Plan template's section titles used by the scenarios. */
export const R2P_SECTIONS = {
  /** Drafted by Group 1. */
  publicAwareness: 'Public awareness and education',
  /** Drafted by Group 2. */
  riskFactors: 'Risk factors and early warning',
  /** Written by the plenary (no group). */
  purpose: 'Purpose and key objectives',
} as const;

async function call<T>(
  server: PlenaryServer,
  path: string,
  body: unknown,
  token?: string,
): Promise<T> {
  // Node cannot resolve a venue host name the browser maps; it talks to loopback.
  const response = await fetch(`${server.url}/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Creates a plan from the R2P National Action Plan template. */
export async function createPlan(
  server: PlenaryServer,
  title = 'National Action Plan on R2P',
): Promise<TestPlan> {
  const created = await call<Omit<TestPlan, 'server'>>(server, '/plans', {
    title,
    template: 'r2p-nap',
  });
  return { ...created, server };
}

/** The breakout group with this name, failing loudly when the plan has none. */
function groupNamed(plan: TestPlan, name: string): GroupState {
  const group = plan.groups.find((candidate) => candidate.name === name);
  if (!group) throw new Error(`The plan has no group named "${name}"`);
  return group;
}

/** The id of the breakout group with this name. */
export const groupId = (plan: TestPlan, name: string): string => groupNamed(plan, name).id;

/** A breakout group's colour (`#rrggbb`), by the group's name. */
export const groupColor = (plan: TestPlan, name: string): string => groupNamed(plan, name).color;

/** Creates an invite link for someone, as the facilitator. */
export async function createInvite(plan: TestPlan, invitee: Invitee): Promise<TestInvite> {
  const body =
    invitee.role === 'member'
      ? { role: invitee.role, groupId: groupId(plan, invitee.group) }
      : { role: invitee.role };
  return call<TestInvite>(plan.server, `/plans/${plan.id}/invites`, body, plan.facilitatorToken);
}
