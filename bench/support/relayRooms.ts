/**
 * One room per measured run, prepared the same way on both relays: `writers` people who
 * each type into their own section and everyone else reading. On Plenary that is a plan
 * made through its API, one section per writer in a breakout group, and every client
 * its own participant with its own session (members for writers, observers for readers),
 * so each socket passes the same token and rights checks a person's would.
 */
import { sectionFragmentName } from '@plenary/model';
import { isStockRelay, type RelayProcess } from './relayProcesses.ts';

/** How one harness client connects, and the section it types into if it writes. */
export interface ClientSpec {
  /** What the stock provider takes as its server URL. */
  serverUrl: string;
  room: string;
  token: string | null;
  /** The Y.XmlFragment this client types into; null for a reader. */
  fragment: string | null;
}

/** A prepared room: the clients and the fragments of any extra sections. */
export interface PreparedRoom {
  clients: ClientSpec[];
  /** Section fragments beyond the writers' own (for seeding a large plan). */
  sectionFragments: string[];
  /** A client allowed to write every section (the facilitator on Plenary). */
  editor: ClientSpec;
  /** A fresh reader's connection, for join measurements. */
  reader: () => Promise<ClientSpec>;
}

type Json = Record<string, unknown>;

async function api(
  base: string,
  method: string,
  url: string,
  token: string | null,
  body?: Json,
): Promise<Json> {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return JSON.parse(text) as Json;
}

/** Prepares `clients` connections, the first `writers` of them writing, plus `extraSections`. */
export async function prepareRoom(
  relay: RelayProcess,
  shape: { clients: number; writers: number; extraSections?: number },
): Promise<PreparedRoom> {
  const extra = shape.extraSections ?? 0;
  if (isStockRelay(relay.kind)) {
    const serverUrl = `ws://127.0.0.1:${relay.port}`;
    const room = 'bench-plan';
    const spec = (fragment: string | null): ClientSpec => ({
      serverUrl,
      room,
      token: null,
      fragment,
    });
    return {
      clients: Array.from({ length: shape.clients }, (_, i) =>
        spec(i < shape.writers ? sectionFragmentName(`w${i}`) : null),
      ),
      sectionFragments: Array.from({ length: extra }, (_, i) => sectionFragmentName(`x${i}`)),
      editor: spec(null),
      reader: async () => spec(null),
    };
  }

  const base = `http://127.0.0.1:${relay.port}`;
  const plan = await api(base, 'POST', '/api/plans', null, {
    title: 'Bench plan',
    template: 'blank',
  });
  const planId = String(plan.id);
  const facilitator = String(plan.facilitatorToken);
  let groups = (plan.groups as { id: string }[]) ?? [];
  if (groups.length === 0) {
    for (const name of ['Group 1', 'Group 2', 'Group 3'])
      await api(base, 'POST', `/api/plans/${planId}/groups`, facilitator, { name });
    groups = (await api(base, 'GET', `/api/plans/${planId}`, facilitator)).groups as {
      id: string;
    }[];
  }
  const groupOf = (i: number): string => groups[i % groups.length]?.id ?? '';
  const section = async (title: string, groupId: string | null): Promise<string> => {
    const created = await api(base, 'POST', `/api/plans/${planId}/sections`, facilitator, {
      title,
      ...(groupId ? { groupId } : {}),
    });
    return sectionFragmentName(String(created.id));
  };
  const invite = async (role: string, groupId: string | null): Promise<string> =>
    String(
      (
        await api(base, 'POST', `/api/plans/${planId}/invites`, facilitator, {
          role,
          ...(groupId ? { groupId } : {}),
        })
      ).token,
    );
  const memberInvites = new Map<string, string>();
  for (const group of groups) memberInvites.set(group.id, await invite('member', group.id));
  const observerInvite = await invite('observer', null);
  const join = async (inviteToken: string, name: string): Promise<string> =>
    String(
      (await api(base, 'POST', `/api/plans/${planId}/participants`, inviteToken, { name }))
        .sessionToken,
    );

  const serverUrl = `ws://127.0.0.1:${relay.port}/sync`;
  const spec = (token: string, fragment: string | null): ClientSpec => ({
    serverUrl,
    room: planId,
    token,
    fragment,
  });
  const clients: ClientSpec[] = [];
  for (let i = 0; i < shape.clients; i++) {
    if (i < shape.writers) {
      const fragment = await section(`Section ${i + 1}`, groupOf(i));
      clients.push(
        spec(await join(memberInvites.get(groupOf(i)) ?? '', `Writer ${i + 1}`), fragment),
      );
    } else {
      clients.push(spec(await join(observerInvite, `Reader ${i + 1}`), null));
    }
  }
  const sectionFragments: string[] = [];
  for (let i = 0; i < extra; i++) sectionFragments.push(await section(`Chapter ${i + 1}`, null));
  let readers = 0;
  return {
    clients,
    sectionFragments,
    editor: spec(facilitator, null),
    reader: async () => spec(await join(observerInvite, `Late reader ${++readers}`), null),
  };
}
