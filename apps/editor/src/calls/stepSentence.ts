import type { StepItem } from '@callflow/contract';
import { nodeDisplayName, portDisplayName } from '@callflow/flow';
import type { StoryDocument } from './callStory.ts';
import { formatDuration } from './formatDuration.ts';
import { plainStepError } from './plainStepError.ts';
import { nodeSummary, quoted, type StoryNode, storyName } from './storyName.ts';

/** A logged step with the node it ran (from the version, or only its id and kind when unknown). */
export interface StoryStep {
  readonly step: StepItem;
  readonly node: StoryNode;
}

interface StepContext {
  /** The step after this one; undefined for the last step logged. */
  readonly next: StoryStep | undefined;
  readonly live: boolean;
  readonly document: StoryDocument | undefined;
}

/** Where the call went after a step: "tried again", "On error path", the next node's name, or null. */
function whereTo({ step, node }: StoryStep, { next, document }: StepContext): string | null {
  if (next === undefined) return null;
  if (next.step.nodeId === step.nodeId) return 'tried again';
  if (step.port === 'error' && document !== undefined) {
    const wired = document.edges.some((edge) => edge.source === node.id && edge.port === 'error');
    const start = document.nodes.find((candidate) => candidate.kind === 'start');
    const onError = document.edges.some(
      (edge) => edge.source === start?.id && edge.port === 'error' && edge.target === next.step.nodeId,
    );
    if (!wired && onError) return 'On error path';
  }
  return nodeDisplayName(next.node);
}

function withArrow(text: string, target: string | null): string {
  return target === null ? text : `${text} → ${target}`;
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

/** The first value a step set (the digits a Collect digits node stored), if any. */
function firstValue(step: StepItem): string | undefined {
  return Object.values(step.variables)[0];
}

/** What was dialled: the label, else the number of a plain PJSIP/1001 endpoint, else the summary. */
function dialTarget(node: StoryNode): string {
  const label = node.label?.trim() ?? '';
  if (label !== '') return quoted(label);
  const summary = nodeSummary(node);
  const endpoint = /^[A-Za-z]+\/([^\s/{}]+)$/.exec(summary);
  return endpoint?.[1] ?? (summary === '' ? 'a phone' : summary);
}

function menuSentence(current: StoryStep, context: StepContext): string {
  const { step, node } = current;
  const port = step.port ?? '';
  if (port === 'timeout') return withArrow('No key pressed', whereTo(current, context));
  if (port === 'invalid') {
    const digit = step.variables['menu.digit'];
    return withArrow(`Pressed ${digit ?? 'a key'}: not a choice`, whereTo(current, context));
  }
  const choice = portDisplayName(node, port);
  const named = choice !== port && choice !== `Press ${port}`;
  return withArrow(`Pressed ${port}`, named ? choice : whereTo(current, context));
}

function dialSentence(current: StoryStep, context: StepContext): string {
  const { step, node } = current;
  const port = step.port ?? '';
  const dialled = `Dialled ${dialTarget(node)}: ${lowerFirst(portDisplayName(node, port))}`;
  if (port !== 'answered') return withArrow(dialled, whereTo(current, context));
  return step.durationMs === null ? dialled : `${dialled}, talked ${formatDuration(step.durationMs)}`;
}

function kindSentence(current: StoryStep, context: StepContext): string {
  const { step, node } = current;
  const port = step.port ?? '';
  switch (node.kind) {
    case 'start':
      return 'Call came in';
    case 'answer':
      return 'Answered';
    case 'hangup':
      return 'The flow hung up';
    case 'play': {
      const label = node.label?.trim() ?? '';
      const summary = nodeSummary(node);
      return `Played ${label !== '' ? quoted(label) : summary !== '' ? quoted(summary) : 'a prompt'}`;
    }
    case 'menu':
      return menuSentence(current, context);
    case 'dial':
      return dialSentence(current, context);
    case 'collectDigits': {
      if (port === 'timeout') return withArrow(portDisplayName(node, port), whereTo(current, context));
      const digits = firstValue(step);
      return digits === undefined ? 'Entered digits' : `Entered ${digits}`;
    }
    case 'record':
      return step.durationMs === null
        ? 'Recorded a message'
        : `Recorded a message (${formatDuration(step.durationMs)})`;
  }
  const name = nodeDisplayName(node);
  if (port === 'next') return name;
  return withArrow(`${name} · ${portDisplayName(node, port)}`, whereTo(current, context));
}

/**
 * One step that left through a port, as a sentence: "Answered", "Played “Welcome”", "Pressed 1 →
 * Sales", "No key pressed → tried again", "Dialled 1001: no answer → Voicemail", "Failed in
 * “Welcome”: the sound was not found → On error path". A problem reported on a step that still went
 * on (a menu's broken prompt) is added in brackets.
 */
export function stepSentence(current: StoryStep, context: StepContext): string {
  const { step } = current;
  if (step.port === 'error') {
    const why = step.error === null ? '' : `: ${plainStepError(step.error)}`;
    return withArrow(`Failed in ${storyName(current.node)}${why}`, whereTo(current, context));
  }
  const sentence = kindSentence(current, context);
  return step.error === null ? sentence : `${sentence} (${plainStepError(step.error)})`;
}
