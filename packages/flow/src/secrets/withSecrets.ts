import type { CallVariables } from '../runtime/CallVariables.ts';
import { StepFailure } from '../runtime/StepFailure.ts';
import { stepErrors } from '../stepErrors/stepErrors.ts';
import { renderTemplate } from '../templates/renderTemplate.ts';
import { templateReferences } from '../templates/templateReferences.ts';
import { secretNameOf } from './findSecretReferences.ts';
import type { SecretSource } from './SecretSource.ts';

/** What renders a template: CallVariables, or the call's variables with secrets (withSecrets). */
export type TemplateRenderer = Pick<CallVariables, 'render'>;

/**
 * The call's variables plus the secrets `templates` name, for rendering those templates (HTTP lookup
 * header values, the only place validation lets secrets go). Secrets and variables are substituted in
 * one pass: a variable whose value reads `{{secrets.x}}` stays text, and a secret's value is never
 * rendered again. The secrets are fetched once, before rendering; without a source, or when one is
 * missing, rejects with a StepFailure (the step takes its error outcome). The secrets never become
 * call variables: they are not in the variables' snapshot or changes.
 */
export async function withSecrets(
  variables: CallVariables,
  templates: readonly string[],
  secrets: SecretSource | undefined,
): Promise<TemplateRenderer> {
  const names = new Set<string>();
  for (const template of templates) {
    if (!template.includes('{{')) continue;
    for (const reference of templateReferences(template)) {
      const name = reference.valid ? secretNameOf(reference.name) : null;
      if (name !== null) names.add(name);
    }
  }
  if (names.size === 0) return variables;
  if (secrets === undefined) throw new StepFailure(stepErrors.secretsNotForThisStep.says());
  const values = await secrets.values([...names]);
  return {
    render: (template, encode) => {
      // renderTemplate encodes each value right after looking it up: the last name looked up is its name.
      let name = '';
      return renderTemplate(
        template,
        (lookedUp) => {
          name = lookedUp;
          const secret = secretNameOf(lookedUp);
          return secret === null ? variables.get(lookedUp) : values.get(secret);
        },
        encode === undefined ? undefined : (value) => encode(value, name),
      );
    },
  };
}
