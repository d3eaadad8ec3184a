// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SuggestionGuard } from './SuggestionGuard.ts';
import { listSuggestions } from './suggestionList.ts';
import { STRUCTURAL_CASES } from './testing/structuralCases.ts';
import { AUTHORS, SuggestingClients } from './testing/suggestingClients.ts';

function editedDirectly(c: (typeof STRUCTURAL_CASES)[number]): unknown {
  const net = new SuggestingClients(c.body, AUTHORS.slice(0, 1), { mode: 'editing' });
  c.edit(net.at(0).editor);
  const json = net.at(0).editor.getJSON();
  net.destroy();
  return json;
}

describe.each(STRUCTURAL_CASES)('$name, suggested by one of two clients', (c) => {
  it('passes the check the server runs on people who must suggest', () => {
    const guard = new SuggestionGuard();
    const net = new SuggestingClients(c.body, AUTHORS.slice(0, 2), {
      server: { clientId: 100, check: (fragment) => guard.before(fragment) },
    });
    c.edit(net.at(0).editor);
    net.sync();
    expect(net.checked).toBeGreaterThan(0);
    expect(net.refusals).toEqual([]);
    net.destroy();
  });

  for (const action of ['accept', 'reject'] as const) {
    it(`converges, and ${action}ing it on the other client converges to the ${action === 'accept' ? 'direct edit' : 'original'}`, () => {
      const net = new SuggestingClients(c.body, AUTHORS.slice(0, 2));
      const original = net.at(0).editor.getJSON();
      c.edit(net.at(0).editor);
      net.sync();
      const [a, b] = net.docs();
      expect(b).toEqual(a);
      expect(net.fragments()).toEqual(net.docs());
      const pending = listSuggestions(net.at(1).editor.state.doc);
      expect(pending.length).toBeGreaterThan(0);
      for (const s of pending) expect(s).toMatchObject({ authorId: 'u-sokha', groupId: 'g1' });
      expect(net.at(1).editor.commands.decideSuggestions({ action })).toBe(true);
      net.sync();
      expect(net.docs()[0]).toEqual(net.docs()[1]);
      expect(net.at(0).editor.getJSON()).toEqual(
        action === 'accept' ? editedDirectly(c) : original,
      );
      net.destroy();
    });
  }
});
