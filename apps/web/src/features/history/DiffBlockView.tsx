import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiffBlock, DiffChange, DiffRun } from '../../api/versionTypes.ts';
import { changeColor, changeTitle, type DiffAuthors } from './diffAuthors.ts';
import { blockShape } from './diffBlocks.ts';

/** Hands an author's colour to the stylesheet, which underlines or strikes with it. */
const authorColor = (color: string): CSSProperties =>
  ({ '--author-color': color }) as CSSProperties;

/** Bold and italic text keeps its look; other marks (links, suggestions) are left to the editor. */
function styled(text: string, marks: readonly string[]): ReactNode {
  let node: ReactNode = text;
  if (marks.includes('italic')) node = <em>{node}</em>;
  if (marks.includes('bold')) node = <strong>{node}</strong>;
  return node;
}

/** Runs with a key each: where they start in the block, and what they are (an empty run has no length). */
const keyedRuns = (runs: readonly DiffRun[]) => {
  let start = 0;
  return runs.map((run) => {
    const key = `${start}:${run.change ?? ''}:${run.participantId ?? ''}`;
    start += run.text.length;
    return { key, run };
  });
};

/** Inserted or deleted text: `<ins>` or `<del>` in its author's colour, their name as its tooltip. */
function ChangedText({
  run,
  change,
  authors,
}: {
  run: DiffRun;
  change: DiffChange;
  authors: DiffAuthors;
}) {
  const { t } = useTranslation();
  const author = run.participantId === null ? undefined : authors.get(run.participantId);
  const Tag = change === 'inserted' ? 'ins' : 'del';
  return (
    <Tag
      className="diff-change"
      title={changeTitle(change, author, t)}
      data-participant-id={run.participantId ?? undefined}
      data-author-name={author?.name}
      style={authorColor(changeColor(run.participantId, authors))}
    >
      {styled(run.text, run.marks)}
    </Tag>
  );
}

/**
 * One block of a compared section: its text with insertions and deletions marked, and
 * for a block added or removed as a whole, a label saying so and by whom.
 */
export function DiffBlockView({ block, authors }: { block: DiffBlock; authors: DiffAuthors }) {
  const { t } = useTranslation();
  const shape = blockShape(block);
  const Text = shape.tag;
  const author = block.participantId === null ? undefined : authors.get(block.participantId);
  const className = [
    'diff-block',
    shape.list && 'diff-block--list',
    shape.cell && 'diff-block--cell',
    block.change && `diff-block--${block.change}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={className}
      data-change={block.change ?? undefined}
      style={{
        ...authorColor(changeColor(block.participantId, authors)),
        ...({ '--list-depth': shape.depth } as CSSProperties),
      }}
    >
      {block.change && (
        <span className="diff-block__label">{changeTitle(block.change, author, t)}</span>
      )}
      <Text className="diff-block__text">
        {keyedRuns(block.runs).map(({ key, run }) =>
          run.change === null ? (
            <span key={key}>{styled(run.text, run.marks)}</span>
          ) : (
            <ChangedText key={key} run={run} change={run.change} authors={authors} />
          ),
        )}
      </Text>
    </div>
  );
}
