import { anchorQuote } from '@plenary/editor';
import * as Y from 'yjs';

/**
 * The same plan on another device (a Y.Doc of its own, with `clientId`), its section
 * `fragmentName`, and a way to send what it changed to `to`, as the server would relay it.
 */
export function peer(of: Y.Doc, clientId: number, fragmentName: string) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(of));
  return {
    fragment: doc.getXmlFragment(fragmentName),
    sendTo: (to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(to))),
  };
}

/** Where the server would anchor a comment on `quote` in `fragment`, as relative positions. */
export function quoteRange(
  fragment: Y.XmlFragment,
  quote: string,
): { start: Y.RelativePosition; end: Y.RelativePosition } {
  const anchor = anchorQuote(fragment, quote);
  if (!anchor) throw new Error(`"${quote}" is not in the section`);
  return {
    start: Y.decodeRelativePosition(anchor.start),
    end: Y.decodeRelativePosition(anchor.end),
  };
}
