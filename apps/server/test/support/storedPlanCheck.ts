/**
 * What attackers left in a stored plan: the plan is compared with what the honest people
 * typed (applied to the plan as it was before the attack), root by root and client by
 * client. Only the member attacker may have changed anything, and only in their group's
 * sections: in Drafting the rights table lets a member write every section of their group
 * (the template gives a group more than one), so a change there is theirs to make.
 */
import { PLAN_ROOT } from '@plenary/model';
import type { ClientAttribution } from '@plenary/storage';
import * as Y from 'yjs';

/** An honest writer as the check needs them. */
export interface HonestWriter {
  name: string;
  /** Client ids of what they typed (Yjs picks a new one if someone else writes under it). */
  ids: ReadonlySet<number>;
}

/** What `checkStoredPlan` compares. */
export interface StoredPlanInput {
  stored: Y.Doc;
  /** The plan before the attack with everything honest people typed applied. */
  expected: Y.Doc;
  attribution: readonly ClientAttribution[];
  /** The sections of the member attacker's group, the roots they may change. */
  memberSections: ReadonlySet<string>;
  observerId: string;
  memberId: string;
  /** Client ids of other participants and of the server. */
  foreignClientIds: readonly number[];
  honest: readonly HonestWriter[];
  /** Whether writes under foreign ids and root-less writes by observers fail or are findings. */
  ownershipEnforced: boolean;
}

/** A plan's document from its stored updates. */
export const docFrom = (updates: readonly Uint8Array[]): Y.Doc => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
};

/** A root's content as text, for comparing two documents. */
function rootContent(doc: Y.Doc, root: string): string {
  if (!doc.share.has(root)) return '';
  if (root === PLAN_ROOT) return JSON.stringify(doc.getMap(PLAN_ROOT).toJSON());
  try {
    return doc.getXmlFragment(root).toString();
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
}

/** The root a stored struct lives in, or null for garbage. */
function rootOfStruct(doc: Y.Doc, struct: Y.Item | Y.GC): string | null {
  if (!(struct instanceof Y.Item)) return null;
  let type = struct.parent as Y.AbstractType<unknown> | null;
  while (type?._item) type = type._item.parent as Y.AbstractType<unknown> | null;
  if (!type) return null;
  for (const [name, shared] of doc.share) if (shared === type) return name;
  return null;
}

/** Compares the stored plan with the honest one; returns failures and pending findings. */
export function checkStoredPlan(input: StoredPlanInput): {
  failures: string[];
  findings: string[];
} {
  const { stored, expected, attribution, memberSections } = input;
  const failures: string[] = [];
  const findings: string[] = [];
  // Until the relay enforces client-id ownership, writes under someone else's id, and what
  // lands in no root (GC structs) from anyone, even an observer, are stored: findings.
  const pendingOwnership = input.ownershipEnforced ? failures : findings;

  for (const root of new Set([...stored.share.keys(), ...expected.share.keys()])) {
    if (!memberSections.has(root) && rootContent(stored, root) !== rootContent(expected, root)) {
      failures.push(
        `the stored "${root}" is not what honest people typed (an attacker changed it, or honest text was lost)`,
      );
    }
  }
  for (const writer of input.honest) {
    if (writer.ids.size > 1) {
      pendingOwnership.push(
        `someone wrote under ${writer.name}'s client id, and Yjs gave them a new one`,
      );
    }
  }
  // The member's own client ids, and the server's repairs of what they wrote.
  const memberIds = new Set(
    attribution
      .filter((a) => a.participantId === input.memberId || a.participantId === null)
      .map((a) => a.clientId),
  );
  const foreign = new Set(input.foreignClientIds);
  // What honest people typed on top of the member's text is only in the stored plan.
  const honestIds = new Set(input.honest.flatMap((writer) => [...writer.ids]));
  const nameOf = (participantId: string | null | undefined) =>
    participantId === input.observerId
      ? 'the observer'
      : participantId === input.memberId
        ? 'the member'
        : String(participantId);

  for (const [client, structs] of stored.store.clients) {
    const known = Y.getState(expected.store, client);
    const extra = structs.filter((s) => s.id.clock + s.length > known);
    if (extra.length === 0 || honestIds.has(client)) continue;
    const roots = new Set(extra.map((s) => rootOfStruct(stored, s)));
    const outside = [...roots].some((root) => root !== null && !memberSections.has(root));
    const owner = nameOf(attribution.find((a) => a.clientId === client)?.participantId);
    const what = `${extra.length} structs under client ${client} (credited to ${owner}, in ${[...roots].join(', ')})`;
    if (foreign.has(client)) {
      pendingOwnership.push(`${what}, which belongs to someone else, were stored`);
    } else if (memberIds.has(client)) {
      if (outside) failures.push(`the member stored ${what} outside their group's sections`);
    } else if ([...roots].some((root) => root !== null)) {
      failures.push(`${what} that change the plan were stored from the observer`);
    } else {
      pendingOwnership.push(`${what} that land in no root were stored from the observer`);
    }
  }
  return { failures, findings };
}
