import type { CallItem, StepItem } from '@callflow/contract';
import { stepErrors } from '@callflow/flow';
import { formatDuration } from './formatDuration.ts';
import { plainStepError } from './plainStepError.ts';
import { type StoryStep, stepSentence } from './stepSentence.ts';
import { type StoryNode, storyName } from './storyName.ts';

/** The parts of the flow version a call ran that its story reads: node names, options and wiring. */
export interface StoryDocument {
  readonly nodes: readonly StoryNode[];
  readonly edges: readonly { readonly source: string; readonly port: string; readonly target: string }[];
}

/** One line of a call's story; `step` is null for the closing line that says how the call ended. */
export interface StoryLine {
  readonly key: string;
  readonly text: string;
  /** `problem`: something failed or a limit ended the call; the line is marked. */
  readonly tone: 'normal' | 'problem';
  readonly step: StepItem | null;
}

type StoryCall = Pick<CallItem, 'live' | 'outcome' | 'error'>;

/** What the runtime writes as a step's error when the caller hung up in it (interpretFlow). */
const callerHungUp = stepErrors.callerHungUp.says();

type Closing = Pick<StoryLine, 'text' | 'tone'>;

/** Why a failure with nothing after it ended the call: On error not connected, or already used. */
function failureDeadEnd(document: StoryDocument | undefined): string {
  const start = document?.nodes.find((node) => node.kind === 'start');
  const onErrorWired = document?.edges.some((edge) => edge.source === start?.id && edge.port === 'error');
  return onErrorWired === true
    ? 'The call ended here: this failure happened inside the On error path, which a call takes only once'
    : 'The call ended here: nothing is connected after this failure';
}

/** How an ended call's last line reads when its last step does not already say it. */
function closingLine(
  call: StoryCall,
  last: StoryStep | undefined,
  lastName: string,
  document: StoryDocument | undefined,
): Closing | null {
  if (call.live) return null;
  const afterLast = last === undefined ? '' : ` after ${lastName}`;
  const endedInLast = last?.step.port === null;
  const problem = (text: string): Closing => ({ text, tone: 'problem' });
  switch (call.outcome) {
    case 'completed':
      if (last?.step.port === 'error') return problem(failureDeadEnd(document));
      return endedInLast || last?.step.kind === 'hangup'
        ? null
        : { text: 'End of the flow: call ended', tone: 'normal' };
    case 'caller_hangup':
      return endedInLast ? null : { text: `Caller hung up${afterLast}`, tone: 'normal' };
    case 'step_limit':
      return problem(
        'Stopped: the call went round the flow more times than allowed (a loop with no way out?)',
      );
    case 'time_limit':
      return endedInLast ? null : problem('Stopped: the call reached its time limit');
    case 'lost':
      return endedInLast
        ? null
        : problem('The runtime lost this call (it stopped, or lost the phone system, during the call)');
    case 'rejected':
      return problem('Refused: too many calls at once, the caller heard busy');
    case 'error':
      return endedInLast
        ? null
        : problem(`Failed${call.error === null ? '' : `: ${plainStepError(call.error)}`}`);
    default:
      return null;
  }
}

/** How a step the call ended in (no port taken) reads: hung up, stopped by a limit, or failed. */
function endedInStep(step: StepItem, call: StoryCall, name: string): Pick<StoryLine, 'text' | 'tone'> {
  const after = step.durationMs === null ? '' : ` after ${formatDuration(step.durationMs)}`;
  if (call.outcome === 'time_limit')
    return { text: `Stopped during ${name}${after}: the call reached its time limit`, tone: 'problem' };
  if (call.outcome === 'lost')
    return { text: `The runtime lost the call during ${name}${after}`, tone: 'problem' };
  if (step.error === null || step.error === callerHungUp || call.outcome === 'caller_hangup')
    return { text: `Hung up during ${name}${after}`, tone: 'normal' };
  return { text: `Failed in ${name}: ${plainStepError(step.error)}; the call ended`, tone: 'problem' };
}

/**
 * A call's path as a story, one line per step in the user's words ("Answered", "Pressed 1 → Sales",
 * "Hung up during “Sales message” after 19 s"), closed by how the call ended when the last step does
 * not say it. Without the flow version (deleted, or not loaded yet) nodes are named by their kind.
 */
export function callStory(
  steps: readonly StepItem[],
  call: StoryCall,
  document: StoryDocument | undefined,
): StoryLine[] {
  const nodes = new Map((document?.nodes ?? []).map((node) => [node.id, node] as const));
  const ordered = [...steps].sort((a, b) => a.seq - b.seq);
  const story: StoryStep[] = ordered.map((step) => ({
    step,
    node: nodes.get(step.nodeId) ?? { id: step.nodeId, kind: step.kind },
  }));
  const lines: StoryLine[] = story.map((current, index) => {
    const { step } = current;
    if (step.port === null) {
      return { key: String(step.id), step, ...endedInStep(step, call, storyName(current.node)) };
    }
    const sentence = stepSentence(current, { next: story[index + 1], live: call.live, document });
    return { key: String(step.id), step, text: sentence, tone: step.error === null ? 'normal' : 'problem' };
  });
  const last = story.at(-1);
  const closing = closingLine(call, last, last === undefined ? '' : storyName(last.node), document);
  if (closing !== null) lines.push({ key: 'end', ...closing, step: null });
  return lines;
}
