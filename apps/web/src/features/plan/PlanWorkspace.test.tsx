// @vitest-environment happy-dom
import { writeRichText } from '@plenary/editor';
import {
  initPlan,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  paragraph,
  richTextDoc,
  sectionFragmentName,
} from '@plenary/model';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Editor } from '@tiptap/core';
import i18next from 'i18next';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loadRefusedTextReaders } from '../../collab/earlySession.ts';
import { PlanSession } from '../../collab/PlanSession.ts';
import { connectPlan, SAVE_REQUEST_INTERVAL_MS } from '../../collab/planConnection.ts';
import { SAVED_SETTLE_MS } from '../../collab/useSettledSaveState.ts';
import { en } from '../../i18n/en.ts';
import { FAKE_SOCKET_OPTIONS, FakeWebSocket } from '../../test-support/FakeWebSocket.ts';
import { planAccessFor } from '../../test-support/renderMarkup.tsx';
import { PlanAccessContext } from './PlanAccessContext.ts';
import { PlanWorkspace } from './PlanWorkspace.tsx';

// How often each watched component rendered, by name (sections by `section:<id>`).
const renders = vi.hoisted(() => new Map<string, number>());

// Wraps a component so each of its renders is counted, keeping `memo` where it is used:
// a memoised component that bails out is not called, and so not counted.
vi.mock('./SectionView.tsx', async (original) => {
  const { countRenders } = await import('../../test-support/countRenders.ts');
  const module = await original<typeof import('./SectionView.tsx')>();
  return {
    SectionView: countRenders(
      module.SectionView,
      (props) => `section:${props.section.id}`,
      renders,
    ),
  };
});
vi.mock('./TableOfContents.tsx', async (original) => {
  const { countRenders } = await import('../../test-support/countRenders.ts');
  const module = await original<typeof import('./TableOfContents.tsx')>();
  return { TableOfContents: countRenders(module.TableOfContents, () => 'contents', renders) };
});
vi.mock('./OnlineUsers.tsx', async (original) => {
  const { countRenders } = await import('../../test-support/countRenders.ts');
  const module = await original<typeof import('./OnlineUsers.tsx')>();
  return { OnlineUsers: countRenders(module.OnlineUsers, () => 'online', renders) };
});
vi.mock('./FacilitationPanel.tsx', async (original) => {
  const { countRenders } = await import('../../test-support/countRenders.ts');
  const module = await original<typeof import('./FacilitationPanel.tsx')>();
  return {
    ...module,
    FacilitationPanel: countRenders(module.FacilitationPanel, () => 'facilitation', renders),
  };
});
vi.mock('./SaveIndicator.tsx', async (original) => {
  const { countRenders } = await import('../../test-support/countRenders.ts');
  const module = await original<typeof import('./SaveIndicator.tsx')>();
  return {
    ...module,
    LiveSaveIndicator: countRenders(module.LiveSaveIndicator, () => 'indicator', renders),
  };
});

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** The server's copy: two sections, each with text. */
function serverPlan(): Y.Doc {
  const doc = new Y.Doc();
  initPlan(doc, {
    title: 'National Action Plan',
    groups: [{ id: 'g1', name: 'Group 1', color: '#0b6bcb', archived: false }],
    sections: [
      { id: 'goals', title: 'Goals', groupId: null },
      { id: 'risks', title: 'Risks', groupId: 'g1' },
    ],
  });
  for (const [id, text] of [
    ['goals', 'Prevent atrocities.'],
    ['risks', 'Hate speech is an early warning sign.'],
  ] as const) {
    writeRichText(doc.getXmlFragment(sectionFragmentName(id)), richTextDoc(paragraph(text)));
  }
  return doc;
}

/** Plays the server's side of the handshake on the latest socket. */
function serve(server: Y.Doc): void {
  const socket = FakeWebSocket.latest();
  socket.open();
  for (const write of [syncProtocol.writeSyncStep1, syncProtocol.writeSyncStep2]) {
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      write(encoder, server);
    });
  }
}

/** Plays the server storing what arrived: echoes each save request not echoed yet. */
function echoSaveRequests(socket: FakeWebSocket, echoed: Set<number>): void {
  for (const frame of socket.sent) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SAVED) continue;
    const nonce = decoding.readVarUint(decoder);
    if (echoed.has(nonce)) continue;
    echoed.add(nonce);
    socket.deliver((encoder) => {
      encoding.writeVarUint(encoder, MESSAGE_SAVED);
      encoding.writeVarUint(encoder, nonce);
    });
  }
}

// The editor TipTap hangs on its view's element, found by the section's test id.
const sectionEditor = (container: HTMLElement, sectionId: string): Editor => {
  const dom = container.querySelector(`[data-testid="section-${sectionId}"] .ProseMirror`);
  const editor = (dom as (Element & { editor?: Editor }) | null)?.editor;
  if (!editor) throw new Error(`no editor in section ${sectionId}`);
  return editor;
};

let session: PlanSession | null = null;
let root: Root | null = null;

beforeEach(() => {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  FakeWebSocket.reset();
  renders.clear();
  // No server behind this page: what it asks over REST on opening (server config, clock)
  // fails as it would offline, without happy-dom trying its default origin's port.
  vi.stubGlobal('fetch', async () => {
    throw new TypeError('Failed to fetch');
  });
});

afterEach(() => {
  act(() => root?.unmount());
  session?.close();
  root = null;
  session = null;
  vi.unstubAllGlobals();
});

describe('PlanWorkspace', () => {
  it('re-renders only the save indicator and the edited editor when someone types', async () => {
    const opened = new PlanSession(
      () => connectPlan('plan1234', 'session-token', 'ws://venue.local/sync', FAKE_SOCKET_OPTIONS),
      loadRefusedTextReaders,
    );
    session = opened;
    serve(serverPlan());
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'en', resources: { en: { translation: en } } });
    const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    await act(async () => {
      root?.render(
        <I18nextProvider i18n={i18n}>
          <QueryClientProvider client={queries}>
            <MemoryRouter>
              <PlanAccessContext value={planAccessFor({ role: 'facilitator' })}>
                <PlanWorkspace session={opened} state={opened.getState()} />
              </PlanAccessContext>
            </MemoryRouter>
          </QueryClientProvider>
        </I18nextProvider>,
      );
    });
    // Let what the page asks for on opening (server config, clock) answer or fail first.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const editor = sectionEditor(container, 'goals');
    const { awareness } = opened.getState().connection.provider;
    const fragment = opened.getState().connection.doc.getXmlFragment(sectionFragmentName('goals'));
    const status = container.querySelector('[data-testid="save-status"]');
    // Everything watched was on screen before the typing starts.
    for (const name of [
      'section:goals',
      'section:risks',
      'contents',
      'online',
      'facilitation',
      'indicator',
    ]) {
      expect(renders.get(name), name).toBeGreaterThan(0);
    }
    // The server stored the opening's sync: the indicator says "saved" once it has held.
    const echoed = new Set<number>();
    await act(async () => echoSaveRequests(FakeWebSocket.latest(), echoed));
    await act(() => new Promise((resolve) => setTimeout(resolve, SAVED_SETTLE_MS + 20)));
    expect(status?.getAttribute('data-state')).toBe('saved');
    const before = new Map(renders);

    for (const [index, key] of [...'Stop'].entries()) {
      await act(async () => {
        // A keystroke: the text changes, and the typist's caret moves in their presence.
        editor.commands.insertContentAt(editor.state.doc.content.size - 1, key);
        awareness.setLocalStateField('cursor', {
          anchor: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragment, index)),
          head: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(fragment, index)),
        });
      });
      // The server stores each key before the next one: the tracker goes back to "saved".
      await act(() => new Promise((resolve) => setTimeout(resolve, SAVE_REQUEST_INTERVAL_MS + 20)));
      await act(async () => echoSaveRequests(FakeWebSocket.latest(), echoed));
      expect(opened.getState().connection.saves.getStatus().state).toBe('saved');
    }

    expect(editor.getText()).toBe('Prevent atrocities.Stop');
    // The indicator did follow the typing: it says saving (online it shows no count) until
    // "saved" has held, and rendered once for that, not with each key or each echo.
    expect(status?.getAttribute('data-state')).toBe('saving');
    const indicator = (renders.get('indicator') ?? 0) - (before.get('indicator') ?? 0);
    expect(indicator).toBe(1);
    renders.delete('indicator');
    before.delete('indicator');
    expect(Object.fromEntries(renders)).toEqual(Object.fromEntries(before));
  });
});
