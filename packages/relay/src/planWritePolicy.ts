import { can, keptPlan, PLAN_ROOT, sectionIdOfRoot } from '@plenary/model';
import type { RelayExtension } from './RelayExtension.ts';

/**
 * The rights table applied to document updates that change something: each touched root
 * must be writable by the connection's actor in the plan's current phase and the section's
 * current status. Observers may change nothing, not even what lands in no root (a lone
 * GC struct takes a clock from whoever owns its client id).
 */
export const planWritePolicy: RelayExtension = {
  name: 'plan-write-policy',
  beforeUpdate: ({ context, touchedRoots, doc }) => {
    const { actor } = context;
    if (actor.role === 'observer') return 'read-only: observers cannot change the plan';
    if (touchedRoots.size === 0) return null;
    const plan = keptPlan(doc);
    for (const root of touchedRoots) {
      if (root === PLAN_ROOT) {
        if (!can(actor, 'edit-structure', { phase: plan.phase })) {
          return "only the facilitator changes the plan's structure";
        }
        continue;
      }
      const sectionId = sectionIdOfRoot(root);
      const section =
        sectionId === null ? undefined : plan.sections.find((s) => s.id === sectionId);
      if (!section) {
        if (actor.role === 'facilitator' && plan.removedSections.some((s) => s.id === sectionId))
          continue;
        return `the update changes "${root.slice(0, 40)}", which is not a section of this plan`;
      }
      if (!can(actor, 'write-section', { phase: plan.phase, section })) {
        if (section.status === 'agreed') return `section "${section.title}" is agreed and locked`;
        if (plan.phase === 'final') return 'the plan is final: no more changes';
        return `section "${section.title}" belongs to another group`;
      }
    }
    return null;
  },
};
