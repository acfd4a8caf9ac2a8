import { findTemplates } from './findTemplates.ts';
import { variableNamePattern } from './variableNamePattern.ts';

export interface TemplateReference {
  readonly name: string;
  readonly valid: boolean;
}

/** Every `{{...}}` in a template, with whether its content is a well-formed variable name. */
export function templateReferences(template: string): TemplateReference[] {
  return findTemplates(template).map(({ name }) => ({ name, valid: variableNamePattern.test(name) }));
}
