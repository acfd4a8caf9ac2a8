import { describe, expect, it } from 'vitest';
import { CallVariables } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import type { SecretSource } from './SecretSource.ts';
import { withSecrets } from './withSecrets.ts';

function sourceOf(values: Record<string, string>): SecretSource & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    values: async (names) => {
      asked.push([...names]);
      const missing = names.find((name) => !(name in values));
      if (missing !== undefined) throw new StepFailure(`secret "${missing}" does not exist`);
      return new Map(names.map((name) => [name, values[name] ?? '']));
    },
  };
}

describe('withSecrets', () => {
  it('substitutes secrets and variables in one pass, asking the source once for all names', async () => {
    const source = sourceOf({ token: 't0k3n', other: 'o' });
    const variables = new CallVariables({ 'caller.number': '1001' });
    const templates = ['Bearer {{secrets.token}}', '{{caller.number}}/{{ secrets.other }}/{{secrets.token}}'];
    const renderer = await withSecrets(variables, templates, source);
    expect(templates.map((template) => renderer.render(template))).toEqual(['Bearer t0k3n', '1001/o/t0k3n']);
    expect(source.asked).toEqual([['token', 'other']]);
  });

  it('keeps secrets out of the call variables', async () => {
    const variables = new CallVariables({ 'caller.number': '1001' });
    const renderer = await withSecrets(variables, ['{{secrets.token}}'], sourceOf({ token: 't0k3n' }));
    expect(renderer.render('{{secrets.token}}')).toBe('t0k3n');
    expect(variables.snapshot()).toEqual({ 'caller.number': '1001' });
    expect(variables.takeChanges()).toEqual({});
    expect(variables.render('{{secrets.token}}')).toBe('');
  });

  it('never renders a secret named inside a variable value, nor a template inside a secret', async () => {
    const variables = new CallVariables({ 'vars.x': '{{secrets.token}}', 'caller.number': '1001' });
    const renderer = await withSecrets(
      variables,
      ['{{vars.x}}', '{{secrets.token}}'],
      sourceOf({ token: 'has {{caller.number}} in it' }),
    );
    expect(renderer.render('{{vars.x}}')).toBe('{{secrets.token}}');
    expect(renderer.render('{{secrets.token}}')).toBe('has {{caller.number}} in it');
  });

  it('passes secrets through the encoding too, with the name they came from', async () => {
    const seen: string[] = [];
    const renderer = await withSecrets(
      new CallVariables(),
      ['{{secrets.token}}'],
      sourceOf({ token: 'a\r\nb' }),
    );
    const rendered = renderer.render('{{secrets.token}}', (value, name) => {
      seen.push(name);
      return value.replace(/[\r\n]+/g, ' ');
    });
    expect(rendered).toBe('a b');
    expect(seen).toEqual(['secrets.token']);
  });

  it('fails the step when a secret is named but no source is given or it lacks the name', async () => {
    await expect(withSecrets(new CallVariables(), ['{{secrets.token}}'], undefined)).rejects.toThrow(
      StepFailure,
    );
    await expect(withSecrets(new CallVariables(), ['{{secrets.gone}}'], sourceOf({}))).rejects.toThrow(
      'secret "gone" does not exist',
    );
  });

  it('is the variables themselves when no secret is named (no source needed)', async () => {
    const variables = new CallVariables({ 'caller.number': '7' });
    expect(await withSecrets(variables, ['x {{caller.number}}'], undefined)).toBe(variables);
  });
});
