/**
 * The plan's live state inside its Y.Doc.
 *
 * One root type per permission area: the `plan` map holds everything structural (title,
 * section order, each section's title, group and status, groups, phase) and each
 * section's rich text is its own root `Y.XmlFragment` named `section:<id>`. The relay
 * can then decide who may write what by looking only at which root an edit touches.
 */
import * as Y from 'yjs';
import { newSectionId } from './ids.ts';

/** Name of the root map that holds the plan's structure. */
export const PLAN_ROOT = 'plan';

const SECTION_ROOT_PREFIX = 'section:';

/** Name of the root `Y.XmlFragment` that holds a section's rich text. */
export const sectionFragmentName = (sectionId: string): string =>
  `${SECTION_ROOT_PREFIX}${sectionId}`;

/** The section id of a root name, or null when the root is not a section's text. */
export function sectionIdOfRoot(rootName: string): string | null {
  return rootName.startsWith(SECTION_ROOT_PREFIX)
    ? rootName.slice(SECTION_ROOT_PREFIX.length)
    : null;
}

/** Where the dialogue is: groups draft, then the plenary reviews, then the text is final. */
export type Phase = 'drafting' | 'review' | 'final';
/** A section's progress; `agreed` locks it for everyone but the focal point and facilitator. */
export type SectionStatus = 'drafting' | 'in-review' | 'agreed';

/** A breakout group as the plan shows it. */
export interface GroupState {
  id: string;
  name: string;
  color: string;
  archived: boolean;
}

/** A section's structural state (its text lives in its own fragment). */
export interface SectionState {
  id: string;
  title: string;
  /** The owning breakout group, or null for the plenary. */
  groupId: string | null;
  status: SectionStatus;
}

/** A plain snapshot of the `plan` map, for rendering and for the REST API. */
export interface PlanState {
  title: string;
  phase: Phase;
  /** Live sections in their order. */
  sections: SectionState[];
  /** Sections that were removed; their text is kept and can be restored. */
  removedSections: SectionState[];
  groups: GroupState[];
}

/** What a new plan starts with. */
export interface PlanInit {
  title: string;
  groups: GroupState[];
  sections: { id?: string; title: string; groupId: string | null }[];
}

/** A structural change that names something the plan does not have. */
export class PlanStructureError extends Error {
  constructor(
    readonly code: 'section-not-found' | 'group-not-found' | 'bad-index',
    message: string,
  ) {
    super(message);
    this.name = 'PlanStructureError';
  }
}

type SectionMap = Y.Map<unknown>;

const planMap = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(PLAN_ROOT);

// Nested types are created on first write, never on read: a client that only renders
// the plan must not produce updates of its own (and a blank doc reads as an empty plan).
function nested<T extends Y.Array<string> | Y.Map<Y.Map<unknown>>>(
  map: Y.Map<unknown>,
  key: string,
  Type: new () => T,
  createIfMissing: boolean,
): T {
  const existing = map.get(key);
  if (existing instanceof Type) return existing;
  const created = new Type();
  if (createIfMissing) map.set(key, created);
  return created;
}

const sectionOrder = (doc: Y.Doc, write = false): Y.Array<string> =>
  nested<Y.Array<string>>(planMap(doc), 'sectionOrder', Y.Array, write);
const sectionsById = (doc: Y.Doc, write = false): Y.Map<SectionMap> =>
  nested<Y.Map<SectionMap>>(planMap(doc), 'sections', Y.Map, write);
const groupsById = (doc: Y.Doc, write = false): Y.Map<Y.Map<unknown>> =>
  nested<Y.Map<Y.Map<unknown>>>(planMap(doc), 'groups', Y.Map, write);

function readSection(id: string, map: SectionMap): SectionState {
  const groupId = map.get('groupId');
  const status = map.get('status');
  return {
    id,
    title: String(map.get('title') ?? ''),
    groupId: typeof groupId === 'string' ? groupId : null,
    status: status === 'in-review' || status === 'agreed' ? status : 'drafting',
  };
}

function requireSection(doc: Y.Doc, sectionId: string): SectionMap {
  const map = sectionsById(doc).get(sectionId);
  if (!map) {
    throw new PlanStructureError('section-not-found', `This plan has no section "${sectionId}".`);
  }
  return map;
}

function requireGroup(doc: Y.Doc, groupId: string | null): void {
  if (groupId === null) return;
  const group = groupsById(doc).get(groupId);
  if (!group || group.get('archived') === true) {
    throw new PlanStructureError('group-not-found', `This plan has no group "${groupId}".`);
  }
}

/** Reads the plan's structure as plain data. */
export function readPlan(doc: Y.Doc): PlanState {
  const map = planMap(doc);
  const phase = map.get('phase');
  const all = sectionsById(doc);
  const order = sectionOrder(doc).toArray();
  const live = new Set(order);
  const sections: SectionState[] = [];
  for (const id of order) {
    const section = all.get(id);
    if (section) sections.push(readSection(id, section));
  }
  const removedSections: SectionState[] = [];
  for (const [id, section] of all) {
    if (!live.has(id)) removedSections.push(readSection(id, section));
  }
  const groups: GroupState[] = [];
  for (const [id, group] of groupsById(doc)) {
    groups.push({
      id,
      name: String(group.get('name') ?? ''),
      color: String(group.get('color') ?? '#555555'),
      archived: group.get('archived') === true,
    });
  }
  return {
    title: String(map.get('title') ?? ''),
    phase: phase === 'review' || phase === 'final' ? phase : 'drafting',
    sections,
    removedSections,
    groups,
  };
}

/** True once the doc holds a plan (a title has been set by `initPlan`). */
export function hasPlan(doc: Y.Doc): boolean {
  return typeof planMap(doc).get('title') === 'string';
}

function sectionMap(title: string, groupId: string | null): SectionMap {
  const map = new Y.Map<unknown>();
  map.set('title', title);
  map.set('groupId', groupId);
  map.set('status', 'drafting');
  return map;
}

/** Writes a new plan's structure into an empty doc; returns the section ids in order. */
export function initPlan(doc: Y.Doc, init: PlanInit): string[] {
  const ids: string[] = [];
  doc.transact(() => {
    const map = planMap(doc);
    map.set('title', init.title);
    map.set('phase', 'drafting');
    const groups = groupsById(doc, true);
    for (const group of init.groups) {
      const entry = new Y.Map<unknown>();
      entry.set('name', group.name);
      entry.set('color', group.color);
      entry.set('archived', group.archived);
      groups.set(group.id, entry);
    }
    const sections = sectionsById(doc, true);
    for (const section of init.sections) {
      const id = section.id ?? newSectionId();
      sections.set(id, sectionMap(section.title, section.groupId));
      ids.push(id);
    }
    sectionOrder(doc, true).push(ids);
  });
  return ids;
}

/** Renames the plan. */
export function setPlanTitle(doc: Y.Doc, title: string): void {
  planMap(doc).set('title', title);
}

/** Adds a section at `index` (default: the end) and returns its id. */
export function addSection(
  doc: Y.Doc,
  input: { title: string; groupId?: string | null; index?: number },
): string {
  const order = sectionOrder(doc, true);
  const index = input.index ?? order.length;
  if (!Number.isInteger(index) || index < 0 || index > order.length) {
    throw new PlanStructureError(
      'bad-index',
      `A section can be added at positions 0 to ${order.length}; ${index} is outside.`,
    );
  }
  const groupId = input.groupId ?? null;
  requireGroup(doc, groupId);
  const id = newSectionId();
  doc.transact(() => {
    sectionsById(doc, true).set(id, sectionMap(input.title, groupId));
    order.insert(index, [id]);
  });
  return id;
}

/** Changes a section's title. */
export function renameSection(doc: Y.Doc, sectionId: string, title: string): void {
  requireSection(doc, sectionId).set('title', title);
}

/** Assigns a section to a group, or to the plenary with null. */
export function assignSection(doc: Y.Doc, sectionId: string, groupId: string | null): void {
  const section = requireSection(doc, sectionId);
  requireGroup(doc, groupId);
  section.set('groupId', groupId);
}

/** Moves a live section to position `index` among the live sections. */
export function moveSection(doc: Y.Doc, sectionId: string, index: number): void {
  const order = sectionOrder(doc);
  const from = order.toArray().indexOf(sectionId);
  if (from < 0) {
    requireSection(doc, sectionId);
    throw new PlanStructureError(
      'section-not-found',
      `Section "${sectionId}" was removed; restore it before moving it.`,
    );
  }
  if (!Number.isInteger(index) || index < 0 || index >= order.length) {
    throw new PlanStructureError(
      'bad-index',
      `A section can move to positions 0 to ${order.length - 1}; ${index} is outside.`,
    );
  }
  if (from === index) return;
  doc.transact(() => {
    order.delete(from, 1);
    order.insert(index, [sectionId]);
  });
}

/**
 * Takes a section out of the plan's order. Its entry and its text fragment stay in the
 * doc, so `restoreSection` brings it back with everything that was written in it.
 */
export function removeSection(doc: Y.Doc, sectionId: string): void {
  requireSection(doc, sectionId);
  const order = sectionOrder(doc);
  const from = order.toArray().indexOf(sectionId);
  if (from >= 0) order.delete(from, 1);
}

/** Puts a removed section back, at the end unless `index` says otherwise. */
export function restoreSection(doc: Y.Doc, sectionId: string, index?: number): void {
  requireSection(doc, sectionId);
  const order = sectionOrder(doc, true);
  if (order.toArray().includes(sectionId)) return;
  const at = index ?? order.length;
  if (!Number.isInteger(at) || at < 0 || at > order.length) {
    throw new PlanStructureError(
      'bad-index',
      `A section can be restored at positions 0 to ${order.length}; ${at} is outside.`,
    );
  }
  order.insert(at, [sectionId]);
}

/** Moves the plan to another phase. */
export function setPhase(doc: Y.Doc, phase: Phase): void {
  planMap(doc).set('phase', phase);
}

/** Sets a section's status; `agreed` locks it for everyone but the focal point and facilitator. */
export function setSectionStatus(doc: Y.Doc, sectionId: string, status: SectionStatus): void {
  requireSection(doc, sectionId).set('status', status);
}

/** Adds a breakout group. */
export function addGroup(doc: Y.Doc, group: { id: string; name: string; color: string }): void {
  const entry = new Y.Map<unknown>();
  entry.set('name', group.name);
  entry.set('color', group.color);
  entry.set('archived', false);
  groupsById(doc, true).set(group.id, entry);
}

/** Renames or recolours a group. */
export function updateGroup(
  doc: Y.Doc,
  groupId: string,
  change: { name?: string; color?: string },
): void {
  requireGroup(doc, groupId);
  const group = groupsById(doc).get(groupId);
  if (change.name !== undefined) group?.set('name', change.name);
  if (change.color !== undefined) group?.set('color', change.color);
}

/**
 * Archives a group: its sections move to the plenary, and the group stays in the doc
 * (marked archived) so its name and colour still label its past text.
 */
export function archiveGroup(doc: Y.Doc, groupId: string): string[] {
  requireGroup(doc, groupId);
  const moved: string[] = [];
  doc.transact(() => {
    for (const [id, section] of sectionsById(doc)) {
      if (section.get('groupId') === groupId) {
        section.set('groupId', null);
        moved.push(id);
      }
    }
    groupsById(doc).get(groupId)?.set('archived', true);
  });
  return moved;
}
