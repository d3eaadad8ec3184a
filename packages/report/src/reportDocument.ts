/**
 * The outcomes report as every format renders it: the plan's live sections in order, each
 * a ProseMirror document, then the annexes built as documents of the same schema, so that
 * each exporter renders one kind of content and nothing twice.
 */
import { planSchema, readRichText } from '@plenary/editor';
import {
  bulletList,
  heading,
  paragraph,
  readPlan,
  richTextDoc,
  sectionFragmentName,
  table,
} from '@plenary/model';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { commentsBody, roundsBody, withSupport } from './discussionAnnexes.ts';
import { describeChange, formatDateTime, REPORT_LABELS, type TimeWriting } from './reportText.ts';
import type {
  DecisionLogEntry,
  GroupParticipants,
  ReportMeta,
  ReportOptions,
  SuggestionChoice,
} from './reportTypes.ts';
import { omitSuggestions, type TrackedChange } from './suggestionMarks.ts';

/** A breakout group as the report names and colours it. */
export interface ReportGroup {
  id: string;
  name: string;
  /** CSS hex colour, e.g. "#1f77b4". */
  color: string;
}

/** One titled part of the report: a section of the plan or an annex. */
export interface ReportPart {
  title: string;
  /** The group that drafted it, shown beside the title in its colour; null for the rest. */
  group: ReportGroup | null;
  /** A `doc` node whose children are the part's blocks. */
  body: ProseMirrorNode;
}

/** The plan's text and structure as an exporter needs it, read once from the Y.Doc. */
export interface ReportPlan {
  title: string;
  groups: ReportGroup[];
  sections: { title: string; groupId: string | null; body: ProseMirrorNode }[];
}

/** Everything an exporter renders. */
export interface ReportDocument {
  title: string;
  meta: ReportMeta;
  /** The plan's groups that are not archived, for the title page. */
  groups: ReportGroup[];
  sections: ReportPart[];
  annexes: ReportPart[];
  /** Whether section bodies may still carry suggestion marks to show as tracked changes. */
  suggestions: SuggestionChoice;
}

/** Where a plan comes from: its live Y.Doc or an encoded state (a stored snapshot). */
export type PlanSource = Y.Doc | Uint8Array;

// Colours end up in HTML styles and Word attributes, so anything but #rrggbb is replaced.
const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const GREY = '#555555';

/** Reads a plan's title, groups and live sections from its Y.Doc or an encoded state. */
export function readReportPlan(source: PlanSource): ReportPlan {
  let doc: Y.Doc;
  if (source instanceof Y.Doc) {
    doc = source;
  } else {
    doc = new Y.Doc();
    Y.applyUpdate(doc, source);
  }
  const plan = readPlan(doc);
  return {
    title: plan.title,
    groups: plan.groups
      .filter((group) => !group.archived)
      .map(({ id, name, color }) => ({ id, name, color: HEX_COLOR.test(color) ? color : GREY })),
    sections: plan.sections.map((section) => ({
      title: section.title,
      groupId: section.groupId,
      body: readRichText(doc.getXmlFragment(sectionFragmentName(section.id))),
    })),
  };
}

function decisionLogBody(entries: DecisionLogEntry[], writing: TimeWriting): ProseMirrorNode {
  const rows = entries.map((entry) => [
    formatDateTime(entry.at, writing),
    entry.sectionTitle ?? REPORT_LABELS.wholePlan,
    entry.decision,
    entry.by,
  ]);
  return planSchema().nodeFromJSON(richTextDoc(table([...REPORT_LABELS.decisionColumns], rows)));
}

function participantsBody(groups: GroupParticipants[]): ProseMirrorNode {
  const blocks = groups.flatMap(({ group, names }) => [
    heading(2, group),
    names.length > 0 ? bulletList(names) : paragraph(REPORT_LABELS.noParticipants),
  ]);
  return planSchema().nodeFromJSON(richTextDoc(...blocks));
}

/** Puts a plan and the caller's choices together into the report every format renders. */
export function buildReport(plan: ReportPlan, options: ReportOptions): ReportDocument {
  const groupsById = new Map(plan.groups.map((group) => [group.id, group]));
  const annexes: ReportPart[] = [];
  const { decisionLog, participantsByGroup, commentThreads, rounds } = options.annexes;
  if (decisionLog) {
    annexes.push({
      title: REPORT_LABELS.decisionLog,
      group: null,
      body: decisionLogBody(decisionLog, options.meta),
    });
  }
  if (participantsByGroup) {
    annexes.push({
      title: REPORT_LABELS.participants,
      group: null,
      body: participantsBody(participantsByGroup),
    });
  }
  if (commentThreads) {
    annexes.push({
      title: REPORT_LABELS.comments,
      group: null,
      body: commentsBody(commentThreads, options.meta),
    });
  }
  if (rounds) {
    annexes.push({
      title: REPORT_LABELS.votes,
      group: null,
      body: roundsBody(rounds, options.meta),
    });
  }
  const supported = (body: ProseMirrorNode, index: number) => {
    const tallies = options.support?.get(index);
    return tallies ? withSupport(body, tallies) : body;
  };
  return {
    title: plan.title.trim() || REPORT_LABELS.untitledPlan,
    meta: options.meta,
    groups: plan.groups,
    sections: plan.sections.map((section, index) => ({
      title: section.title.trim() || REPORT_LABELS.untitledSection,
      group: section.groupId ? (groupsById.get(section.groupId) ?? null) : null,
      body: supported(
        options.suggestions === 'omit' ? omitSuggestions(section.body) : section.body,
        index,
      ),
    })),
    annexes,
    suggestions: options.suggestions,
  };
}

/** The report's group with this id, or null (archived groups and unknown ids). */
export function groupOf(report: ReportDocument, groupId: string | null): ReportGroup | null {
  return report.groups.find((group) => group.id === groupId) ?? null;
}

/** The tooltip text of a suggestion in this report: who, in which group, and when. */
export function describeSuggestion(report: ReportDocument, change: TrackedChange): string {
  return describeChange(change, groupOf(report, change.groupId)?.name ?? null, report.meta);
}
