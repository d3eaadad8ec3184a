import type { GroupState } from '@plenary/model';
import type { TFunction } from 'i18next';
import type { ComparedPerson, DiffChange } from '../../api/versionTypes.ts';
import { PLENARY_COLOR } from '../../collab/authorColors.ts';

/** An author of changes in a comparison, with the colour their changes are shown in. */
export interface DiffAuthor {
  participantId: string;
  name: string;
  /** Their breakout group, or null for the plenary (facilitators, focal points) and unknown groups. */
  groupId: string | null;
  groupName: string | null;
  /** Their group's colour, or the plenary's. */
  color: string;
}

/** Who wrote what in a comparison, looked up by participant id. */
export type DiffAuthors = ReadonlyMap<string, DiffAuthor>;

/**
 * Each person a comparison names, coloured by their breakout group as the plan's groups
 * say now (a removed group keeps its colour): the same colours as suggestions in the text.
 */
export function diffAuthors(
  people: readonly ComparedPerson[],
  groups: readonly GroupState[],
): DiffAuthors {
  return new Map(
    people.map((person) => {
      const group = groups.find((candidate) => candidate.id === person.groupId);
      const author: DiffAuthor = {
        participantId: person.participantId,
        name: person.name,
        groupId: group?.id ?? null,
        groupName: group?.name ?? null,
        color: group?.color ?? PLENARY_COLOR,
      };
      return [person.participantId, author];
    }),
  );
}

/** The colour of a change by `participantId`; the plenary's when the author is unknown. */
export function changeColor(participantId: string | null, authors: DiffAuthors): string {
  return (participantId === null ? undefined : authors.get(participantId)?.color) ?? PLENARY_COLOR;
}

/**
 * The legend under a comparison: its authors by group in the plan's order, the plenary
 * last, and by name within a group, so people of one colour stand together.
 */
export function legendOrder(authors: DiffAuthors, groups: readonly GroupState[]): DiffAuthor[] {
  const rank = (author: DiffAuthor) => {
    const index = groups.findIndex((group) => group.id === author.groupId);
    return index < 0 ? groups.length : index;
  };
  return [...authors.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** What a change is, in words for its tooltip: "Added by Dara (Group 1)", or "Removed" when the author is unknown. */
export function changeTitle(change: DiffChange, author: DiffAuthor | undefined, t: TFunction) {
  if (!author) return t(change === 'inserted' ? 'history.added' : 'history.removed');
  const name = `${author.name} (${author.groupName ?? t('plan.plenary')})`;
  return t(change === 'inserted' ? 'history.addedBy' : 'history.removedBy', { name });
}
