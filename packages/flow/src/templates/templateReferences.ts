import { templatePattern, variableNamePattern } from './templatePattern.ts';

export interface TemplateReference {
  readonly name: string;
  readonly valid: boolean;
}

/** Every `{{...}}` in a template, with whether its content is a well-formed variable name. */
export function templateReferences(template: string): TemplateReference[] {
  return [...template.matchAll(templatePattern)].map((match) => {
    const name = match[1] ?? '';
    return { name, valid: variableNamePattern.test(name) };
  });
}
