import type { FlowProblem } from '@callflow/flow';
import { problemText } from './placeProblems.ts';

/** A field's problems under it, errors in red and warnings in amber. */
export function FieldProblems({
  id,
  problems,
}: {
  id: string | undefined;
  problems: readonly FlowProblem[];
}) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="plain-list inspector-problems">
      {problems.map((problem) => (
        <li
          key={`${problem.code}:${problem.path}:${problem.message}`}
          className={problem.severity === 'error' ? 'field__error' : 'inspector-problems__warning'}
        >
          {problemText(problem)}
        </li>
      ))}
    </ul>
  );
}
