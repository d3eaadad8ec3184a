/**
 * The plan's structure in a version comparison: which sections each side had, in which
 * order and under which title, and who added, removed or renamed one.
 */
import { PLAN_ROOT } from '@plenary/model';
import * as Y from 'yjs';
import type { BeforeState } from './BeforeState.ts';
import type { VersionAttribution } from './versionAttribution.ts';

/** Who put a section into the plan's order, or took it out, between the versions. */
export interface OrderChanges {
  added: Map<string, string | null>;
  removed: Map<string, string | null>;
}

/** Who added and who removed each section, from the section order's items. */
export function orderChanges(
  merged: Y.Doc,
  base: BeforeState,
  attribution: VersionAttribution,
): OrderChanges {
  const changes: OrderChanges = { added: new Map(), removed: new Map() };
  const order = merged.getMap(PLAN_ROOT).get('sectionOrder');
  if (!(order instanceof Y.Array)) return changes;
  for (let item = order._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentAny)) continue;
    const ids = item.content.getContent();
    const { client, clock } = item.id;
    for (const span of base.spans(item)) {
      for (let at = span.start; at < span.end; at++) {
        const id = ids[at - clock];
        if (typeof id !== 'string') continue;
        if (span.presence === 'inserted') changes.added.set(id, attribution.insertedBy(client));
        if (span.presence === 'deleted')
          changes.removed.set(id, attribution.deletedBy({ client, clock: at }));
      }
    }
  }
  return changes;
}

/** Who last set a section's title (the title entry's client). */
export function renamedBy(merged: Y.Doc, sectionId: string, attribution: VersionAttribution) {
  const sections = merged.getMap(PLAN_ROOT).get('sections');
  const section = sections instanceof Y.Map ? sections.get(sectionId) : undefined;
  const entry = section instanceof Y.Map ? section._map.get('title') : undefined;
  return entry ? attribution.insertedBy(entry.id.client) : null;
}

/** A section as the comparison needs it. */
export interface SectionTitle {
  id: string;
  title: string;
}

/** The sections `before` had, in order, with their titles (read as `readPlan` reads them). */
export function sectionsBefore(merged: Y.Doc, base: BeforeState): SectionTitle[] {
  const plan = merged.getMap(PLAN_ROOT);
  const order = base.attribute(plan, 'sectionOrder', 'before');
  const sections = base.attribute(plan, 'sections', 'before');
  if (!(order instanceof Y.Array) || !(sections instanceof Y.Map)) return [];
  const found: SectionTitle[] = [];
  for (const id of base.valuesBefore(order)) {
    const section = typeof id === 'string' ? base.attribute(sections, id, 'before') : undefined;
    if (typeof id === 'string' && section instanceof Y.Map)
      found.push({ id, title: String(base.attribute(section, 'title', 'before') ?? '') });
  }
  return found;
}

/** Sections of both versions: `after`'s order, each removed one after its old neighbour. */
export function sectionIds(before: SectionTitle[], after: SectionTitle[]): string[] {
  const ids = after.map((s) => s.id);
  const live = new Set(ids);
  let previous: string | null = null;
  for (const { id } of before) {
    if (!live.has(id)) ids.splice(previous === null ? 0 : ids.indexOf(previous) + 1, 0, id);
    previous = id;
  }
  return ids;
}
