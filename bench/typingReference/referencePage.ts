/**
 * The reference page of bench/typingCompare.ts: a bare TipTap 3 editor per section
 * (StarterKit, tables, Collaboration) bound to the stock y-websocket provider, with
 * nothing else on the page. `?server=ws://…&room=…&fragments=a,b` names the relay, the
 * room and the fragments to edit, in order.
 */
import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const params = new URLSearchParams(window.location.search);
const doc = new Y.Doc();
// No BroadcastChannel: two tabs of the bench must meet through the relay, as Plenary's do.
new WebsocketProvider(params.get('server') ?? '', params.get('room') ?? '', doc, {
  disableBc: true,
});
for (const name of (params.get('fragments') ?? '').split(',')) {
  const element = document.createElement('div');
  element.dataset.fragment = name;
  document.body.append(element);
  new Editor({
    element,
    extensions: [
      // Collaboration brings its own undo.
      StarterKit.configure({ undoRedo: false }),
      TableKit,
      Collaboration.configure({ fragment: doc.getXmlFragment(name) }),
    ],
  });
}
