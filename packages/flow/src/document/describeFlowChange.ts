import type { FlowChange } from './flowChanges.ts';

/** One change in plain words, as the editor lists them: “Changed “Main menu”: Prompts”. */
export function describeFlowChange(change: FlowChange): string {
  switch (change.type) {
    case 'added':
      return `Added “${change.name}”`;
    case 'removed':
      return `Removed “${change.name}”`;
    case 'changed':
      return `Changed “${change.name}”: ${change.fields.join(', ')}`;
    case 'connections':
      return `Connections changed at “${change.name}”`;
  }
}
