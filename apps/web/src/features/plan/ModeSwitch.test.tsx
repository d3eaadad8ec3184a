import { describe, expect, it } from 'vitest';
import { renderMarkup } from '../../test-support/renderMarkup.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';

describe('ModeSwitch', () => {
  it('offers Editing and Suggesting with the current mode pressed', () => {
    const html = renderMarkup(<ModeSwitch mode="suggesting" chooses onChoose={() => {}} />);
    expect(html).toContain('aria-pressed="false"');
    expect(html).toMatch(/aria-pressed="true"[^>]*>Suggesting</);
    expect(html).toContain('>Editing<');
    expect(html).not.toContain('disabled');
  });

  it('shows members their mode without letting them switch', () => {
    const html = renderMarkup(<ModeSwitch mode="suggesting" chooses={false} onChoose={() => {}} />);
    expect(html.match(/disabled=""/g)).toHaveLength(2);
    expect(html).toContain('Your changes are suggestions');
  });
});
