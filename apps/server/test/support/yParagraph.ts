import * as Y from 'yjs';

/** A paragraph holding `text`, as the editor's binding stores one, to insert into a section. */
export function yParagraph(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  const run = new Y.XmlText();
  run.insert(0, text);
  paragraph.insert(0, [run]);
  return paragraph;
}
