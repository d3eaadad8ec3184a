/** A suggestion's text as it reads in a list: what it struck, then what it adds. */
export function SuggestedChange({
  insertedText,
  deletedText,
}: {
  insertedText: string;
  deletedText: string;
}) {
  return (
    <span className="my-suggestions__text">
      {deletedText && <del>{deletedText}</del>} {insertedText && <ins>{insertedText}</ins>}
    </span>
  );
}
