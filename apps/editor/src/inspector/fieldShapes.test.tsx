import { nodeKinds } from '@callflow/flow';
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseOption, draftNode, renderInspector } from './renderInspector.tsx';

afterEach(() => vi.unstubAllGlobals());

function selectedText(select: HTMLElement): string | null | undefined {
  return select instanceof HTMLSelectElement ? select.selectedOptions[0]?.textContent : undefined;
}

describe('nullable fields', () => {
  it('switches a nullable number off and on, starting from its example', () => {
    const view = renderInspector(draftNode('bridge', { name: 'sales' }));
    const limit = screen.getByLabelText('Time limit (seconds)');
    const off = screen.getByLabelText('No limit');
    // Missing means the default, null: off, with the number greyed out.
    expect(off).toHaveProperty('checked', true);
    expect(limit).toHaveProperty('disabled', true);

    fireEvent.click(off);
    expect(view.lastOptions()?.timeLimitSeconds).toBe(3600);
    expect(limit).toHaveProperty('disabled', false);
    fireEvent.change(limit, { target: { value: '600' } });
    expect(view.lastOptions()?.timeLimitSeconds).toBe(600);

    fireEvent.click(off);
    expect(view.lastOptions()?.timeLimitSeconds).toBeNull();
  });

  it('shows a nullable text with a non-null default, and switches it to null', () => {
    const view = renderInspector(draftNode('bridge', { name: 'sales' }));
    expect(screen.getByLabelText('Music on hold')).toHaveProperty('value', 'default');
    fireEvent.click(screen.getByLabelText('Silence'));
    expect(view.lastOptions()?.musicOnHoldClass).toBeNull();
    expect(screen.getByLabelText('Music on hold')).toHaveProperty('disabled', true);
  });

  it('offers null as the first choice of a nullable enum', () => {
    const view = renderInspector(draftNode('bridge', { name: 'sales' }));
    const key = screen.getByLabelText('Leave on key');
    expect(selectedText(key)).toBe('No key');
    chooseOption(key, '#');
    expect(view.lastOptions()?.leaveOnDigit).toBe('#');
    chooseOption(key, 'No key');
    expect(view.lastOptions()?.leaveOnDigit).toBeNull();
  });
});

describe('enum fields', () => {
  it('shows readable labels from the metadata and stores the value', () => {
    const view = renderInspector(draftNode('hangup', {}));
    const cause = screen.getByLabelText('Cause');
    expect(selectedText(cause)).toBe('Normal');
    chooseOption(cause, 'No answer');
    expect(view.lastOptions()).toEqual({ cause: 'no_answer' });
  });

  it('asks to choose when a required enum is missing', () => {
    renderInspector(draftNode('condition', { left: 'x' }));
    expect(selectedText(screen.getByLabelText('Comparison'))).toBe('Choose…');
  });

  it('keeps an unknown value visible rather than pretending another is chosen', () => {
    renderInspector(draftNode('hangup', { cause: 'vanished' }));
    expect(selectedText(screen.getByLabelText('Cause'))).toBe('vanished (not a choice)');
  });
});

describe('other shapes', () => {
  it('edits weekdays as a checkbox group in weekday order', () => {
    const view = renderInspector(draftNode('timeOfDay', structuredClone(nodeKinds.timeOfDay.starterOptions)));
    const range = screen.getByLabelText('Time range 1');
    const days = within(range).getByLabelText('Days');
    fireEvent.click(within(days).getByLabelText('Sat'));
    fireEvent.click(within(days).getByLabelText('Mon'));
    expect(view.lastOptions()?.ranges).toEqual([
      { days: ['tue', 'wed', 'thu', 'fri', 'sat'], start: '09:00', end: '17:00' },
    ]);
  });

  it('adds a time range from the item schema and a closed date as a date input', () => {
    const view = renderInspector(draftNode('timeOfDay', structuredClone(nodeKinds.timeOfDay.starterOptions)));
    fireEvent.click(screen.getByRole('button', { name: 'Add time range' }));
    expect(view.lastOptions()?.ranges).toHaveLength(2);
    expect(view.lastOptions()?.ranges).toContainEqual({ days: [], start: '', end: '' });

    fireEvent.click(screen.getByRole('button', { name: 'Add date' }));
    const date = screen.getByLabelText('Date 1');
    expect(date.getAttribute('type')).toBe('date');
    fireEvent.change(date, { target: { value: '2025-12-25' } });
    expect(view.lastOptions()?.closedDates).toEqual(['2025-12-25']);
  });

  it('edits a boolean as a checkbox showing its default', () => {
    const view = renderInspector(draftNode('dial', { endpoint: 'PJSIP/100' }));
    const ringback = screen.getByLabelText('Ringback tone');
    expect(ringback).toHaveProperty('checked', true);
    fireEvent.click(ringback);
    expect(view.lastOptions()).toEqual({ endpoint: 'PJSIP/100', ringback: false });
  });

  it('adds HTTP headers and fields as rows of their own fields', () => {
    const view = renderInspector(
      draftNode('httpLookup', structuredClone(nodeKinds.httpLookup.starterOptions)),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    const header = screen.getByLabelText('Header 1');
    fireEvent.change(within(header).getByLabelText('Name'), { target: { value: 'Authorization' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add field' }));
    fireEvent.change(within(screen.getByLabelText('Field 1')).getByLabelText('JSON path'), {
      target: { value: 'data.agent' },
    });
    expect(view.lastOptions()).toMatchObject({
      headers: [{ name: 'Authorization', value: '' }],
      fields: [{ variable: '', path: 'data.agent' }],
    });
  });
});
