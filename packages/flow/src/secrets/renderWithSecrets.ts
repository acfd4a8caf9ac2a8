import type { CallVariables } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { renderTemplate } from '../templates/renderTemplate.ts';
import { templateReferences } from '../templates/templateReferences.ts';
import { secretNameOf } from './findSecretReferences.ts';
import type { SecretSource } from './SecretSource.ts';

/**
 * Renders templates that may name secrets (`Bearer {{secrets.crm_token}}`) as well as call variables,
 * in one pass: a variable's value that happens to read `{{secrets.x}}` stays text, and a secret's value
 * is never rendered again. The secrets named are fetched once for all the templates. Without a source,
 * or when a secret is missing, rejects with a StepFailure (the step takes its error outcome).
 * Only HTTP lookup header values may name secrets (validation refuses them elsewhere).
 */
export async function renderWithSecrets(
  templates: readonly string[],
  variables: Pick<CallVariables, 'get'>,
  secrets: SecretSource | undefined,
  /** Applied to every substituted value (variables and secrets alike), with the name it came from. */
  encode: (value: string, name: string) => string = (value) => value,
): Promise<string[]> {
  const names = new Set<string>();
  for (const template of templates) {
    if (!template.includes('{{')) continue;
    for (const reference of templateReferences(template)) {
      const name = reference.valid ? secretNameOf(reference.name) : null;
      if (name !== null) names.add(name);
    }
  }
  let values: ReadonlyMap<string, string> = new Map();
  if (names.size > 0) {
    if (secrets === undefined) throw new StepFailure('secrets are not available to this step');
    values = await secrets.values([...names]);
  }
  return templates.map((template) => {
    let name = '';
    return renderTemplate(
      template,
      (lookedUp) => {
        name = lookedUp;
        const secret = secretNameOf(lookedUp);
        return secret === null ? variables.get(lookedUp) : values.get(secret);
      },
      (value) => encode(value, name),
    );
  });
}
