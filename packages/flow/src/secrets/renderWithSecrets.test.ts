import { describe, expect, it } from 'vitest';
import { CallVariables } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { renderWithSecrets } from './renderWithSecrets.ts';
import type { SecretSource } from './SecretSource.ts';

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

describe('renderWithSecrets', () => {
  it('substitutes secrets and variables in one pass, asking the source once for all names', async () => {
    const source = sourceOf({ token: 't0k3n', other: 'o' });
    const variables = new CallVariables({ 'caller.number': '1001' });
    const rendered = await renderWithSecrets(
      ['Bearer {{secrets.token}}', '{{caller.number}}/{{ secrets.other }}/{{secrets.token}}'],
      variables,
      source,
    );
    expect(rendered).toEqual(['Bearer t0k3n', '1001/o/t0k3n']);
    expect(source.asked).toEqual([['token', 'other']]);
  });

  it('never renders a secret named inside a variable value, nor a template inside a secret', async () => {
    const source = sourceOf({ token: 'has {{caller.number}} in it' });
    const variables = new CallVariables({ 'vars.x': '{{secrets.token}}', 'caller.number': '1001' });
    expect(await renderWithSecrets(['{{vars.x}}', '{{secrets.token}}'], variables, source)).toEqual([
      '{{secrets.token}}',
      'has {{caller.number}} in it',
    ]);
  });

  it('applies the encoding to secrets too, with the name it came from', async () => {
    const seen: string[] = [];
    const rendered = await renderWithSecrets(
      ['{{secrets.token}}'],
      new CallVariables(),
      sourceOf({ token: 'a\r\nb' }),
      (value, name) => {
        seen.push(name);
        return value.replace(/[\r\n]+/g, ' ');
      },
    );
    expect(rendered).toEqual(['a b']);
    expect(seen).toEqual(['secrets.token']);
  });

  it('fails the step when a secret is named but no source is given or it lacks the name', async () => {
    await expect(renderWithSecrets(['{{secrets.token}}'], new CallVariables(), undefined)).rejects.toThrow(
      StepFailure,
    );
    await expect(renderWithSecrets(['{{secrets.gone}}'], new CallVariables(), sourceOf({}))).rejects.toThrow(
      'secret "gone" does not exist',
    );
  });

  it('needs no source when no secret is named', async () => {
    expect(
      await renderWithSecrets(
        ['x {{caller.number}}'],
        new CallVariables({ 'caller.number': '7' }),
        undefined,
      ),
    ).toEqual(['x 7']);
  });
});
