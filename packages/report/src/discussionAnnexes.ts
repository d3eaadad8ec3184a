/**
 * The comments and consensus-round annexes, and the level-of-support lines in the body:
 * built from the plan schema's nodes like the other annexes, so every format escapes the
 * participants' words as it escapes the plan's own text.
 */
import { planSchema } from '@plenary/editor';
import {
  bulletList,
  heading,
  paragraph,
  richTextDoc,
  SUPPORT_LABELS,
  supportLevel,
  table,
} from '@plenary/model';
import { Fragment, type Node as ProseMirrorNode } from '@tiptap/pm/model';
import { formatDateTime, REPORT_LABELS, type TimeWriting } from './reportText.ts';
import type { CommentAnnexThread, RoundAnnexEntry, RoundTally } from './reportTypes.ts';

/** Each thread: its section and words, its status, then its messages in order. */
export function commentsBody(
  threads: CommentAnnexThread[],
  writing: TimeWriting = {},
): ProseMirrorNode {
  const { commentStatus } = REPORT_LABELS;
  const blocks = threads.flatMap((thread) => {
    const status = [
      thread.resolved ? commentStatus.resolved : commentStatus.open,
      ...(thread.detached ? [commentStatus.detached] : []),
    ].join(', ');
    const about = thread.quote === '' ? REPORT_LABELS.onSection : `“${thread.quote}”`;
    return [
      heading(3, `${thread.sectionTitle}: ${about}`),
      paragraph(status),
      bulletList(
        thread.messages.map((message) => {
          const who = message.groupName
            ? `${message.authorName} (${message.groupName})`
            : message.authorName;
          return `${who}, ${formatDateTime(message.at, writing)}: ${message.text}`;
        }),
      ),
    ];
  });
  return planSchema().nodeFromJSON(
    richTextDoc(...(blocks.length > 0 ? blocks : [paragraph(REPORT_LABELS.noComments)])),
  );
}

const supportOf = (tally: RoundTally) => SUPPORT_LABELS[supportLevel(tally)];

/** Each closed round: how many answered, a table of tallies, then the reasons given. */
export function roundsBody(rounds: RoundAnnexEntry[], writing: TimeWriting = {}): ProseMirrorNode {
  const blocks = rounds.flatMap((round) => [
    heading(
      3,
      REPORT_LABELS.roundHeading(round.sectionTitle, formatDateTime(round.closedAt, writing)),
    ),
    paragraph(REPORT_LABELS.roundAnswered(round.answered, round.eligible)),
    table(
      [...REPORT_LABELS.voteColumns],
      round.items.map(({ text, tally }) => [
        text,
        supportOf(tally),
        String(tally.agree),
        String(tally.disagree),
        String(tally.abstain),
      ]),
    ),
    ...round.items
      .filter((item) => item.reasons.length > 0)
      .flatMap((item) => [
        paragraph(REPORT_LABELS.reasonsOf(item.text)),
        bulletList(
          item.reasons.map(
            ({ choice, reason }) => `${REPORT_LABELS.choices[choice] ?? choice}: ${reason}`,
          ),
        ),
      ]),
  ]);
  return planSchema().nodeFromJSON(
    richTextDoc(...(blocks.length > 0 ? blocks : [paragraph(REPORT_LABELS.noRounds)])),
  );
}

/**
 * The section's body with a level-of-support line after each recommendation that a
 * closed round answered (matched by its text, as the round froze it): after a top-level
 * paragraph, or as the last paragraph of a list item.
 */
export function withSupport(
  body: ProseMirrorNode,
  tallies: Map<string, RoundTally>,
): ProseMirrorNode {
  const schema = body.type.schema;
  const italic = schema.marks.italic?.create();
  const line = (node: ProseMirrorNode): ProseMirrorNode | null => {
    const tally = tallies.get(node.textContent.trim());
    if (!tally) return null;
    const text = schema.text(
      REPORT_LABELS.supportLine(supportOf(tally), tally),
      italic ? [italic] : [],
    );
    return schema.nodes.paragraph?.create(null, text) ?? null;
  };
  const blocks: ProseMirrorNode[] = [];
  body.forEach((block) => {
    if (block.type.name === 'paragraph') {
      const support = line(block);
      blocks.push(block, ...(support ? [support] : []));
    } else if (block.type.name === 'bulletList' || block.type.name === 'orderedList') {
      const items: ProseMirrorNode[] = [];
      block.forEach((item) => {
        const support = line(item);
        items.push(support ? item.copy(item.content.addToEnd(support)) : item);
      });
      blocks.push(block.copy(Fragment.fromArray(items)));
    } else {
      blocks.push(block);
    }
  });
  return body.copy(Fragment.fromArray(blocks));
}
