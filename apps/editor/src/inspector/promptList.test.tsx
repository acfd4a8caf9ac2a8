import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseOption, draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

const sounds = [
  { name: 'hello-world', text: 'Hello world.', languages: ['en', 'fr'] },
  { name: 'vm-enter-num-to-call', text: 'Please enter the number you wish to call.', languages: ['en'] },
  { name: 'pm-invalid-option', text: 'That is not a valid option.', languages: ['en'] },
  { name: 'digits/1', text: 'one', languages: ['en'] },
  { name: 'beep', text: null, languages: ['en'] },
];

describe('prompt list', () => {
  it('switches a prompt between types, keeping typed text only where the field means the same', () => {
    const view = renderInspector(
      draftNode('play', { prompts: [{ type: 'digits', value: '{{vars.account}}' }] }),
    );
    const prompt = screen.getByLabelText('Prompt 1');
    expect(within(prompt).getByLabelText('Digits')).toHaveProperty('value', '{{vars.account}}');

    chooseOption(within(prompt).getByLabelText('Type'), 'Number');
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'number', value: '{{vars.account}}' }]);
    expect(within(prompt).getByLabelText('Number')).toHaveProperty('value', '{{vars.account}}');

    chooseOption(within(prompt).getByLabelText('Type'), 'Sound');
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: '' }]);
    expect(within(prompt).getByRole('combobox', { name: 'Sound' })).toBeTruthy();
  });

  it('adds a sound prompt, moves it first and removes the other', () => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'number', value: '42' }] }));
    fireEvent.click(screen.getByRole('button', { name: 'Add prompt' }));
    expect(view.lastOptions()?.prompts).toEqual([
      { type: 'number', value: '42' },
      { type: 'sound', name: '' },
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Move prompt 2 up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove prompt 2' }));
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: '' }]);
  });

  it('lists the sounds of Asterisk matching what is typed, by name or by words, and picks one', async () => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'sound', name: '' }] }), { sounds });
    const picker = screen.getByRole('combobox', { name: 'Sound' });
    fireEvent.focus(picker);
    await screen.findByRole('option', { name: /hello-world/ });
    const listed = () => within(screen.getByRole('listbox', { name: 'Sounds' })).getAllByRole('option');
    expect(listed()).toHaveLength(sounds.length);

    fireEvent.change(picker, { target: { value: 'enter number' } });
    expect(listed().map((option) => option.textContent)).toEqual([
      'vm-enter-num-to-callPlease enter the number you wish to call.en',
    ]);
    fireEvent.change(picker, { target: { value: 'digits' } });
    expect(listed()).toHaveLength(1);
    fireEvent.mouseDown(screen.getByRole('option', { name: /digits\/1/ }));
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: 'digits/1' }]);
    expect(screen.queryByRole('listbox')).toBeNull();

    // One request however often the picker opens: the API has no sounds folder (503), so Asterisk's
    // list is asked once, and the folder is not asked again.
    fireEvent.focus(picker);
    expect(view.fetch.mock.calls.map(([url]) => String(url).split('?')[0])).toEqual([
      '/api/sounds/stock',
      '/api/sounds',
    ]);
  });

  it('picks a sound with the keyboard and says when a typed name is not one Asterisk has', async () => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'sound', name: '' }] }), { sounds });
    const picker = screen.getByRole('combobox', { name: 'Sound' });
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: 'option' } });
    await screen.findByRole('option', { name: /pm-invalid-option/ });
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    fireEvent.keyDown(picker, { key: 'Enter' });
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: 'pm-invalid-option' }]);

    fireEvent.change(picker, { target: { value: 'no-such-sound' } });
    expect(screen.getByText('There is no built-in sound called “no-such-sound”.')).toBeTruthy();
  });

  it.each([
    [503, 'No Asterisk is configured'],
    [502, 'Asterisk cannot be reached'],
  ])('falls back to a plain input with a hint when the sound list answers %i', async (status, hint) => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'sound', name: 'hello' }] }), {
      sounds: status,
    });
    await screen.findByText(new RegExp(hint));
    const input = screen.getByLabelText('Sound');
    expect(input.getAttribute('role')).toBeNull();
    fireEvent.change(input, { target: { value: 'hello-world' } });
    expect(view.lastOptions()?.prompts).toEqual([{ type: 'sound', name: 'hello-world' }]);
  });

  it('asks for no sounds when read-only', async () => {
    const view = renderInspector(draftNode('play', { prompts: [{ type: 'sound', name: 'hello-world' }] }), {
      sounds,
      readOnly: true,
    });
    await waitFor(() => expect(screen.getByLabelText('Sound')).toHaveProperty('disabled', true));
    expect(view.fetch).not.toHaveBeenCalled();
  });
});
