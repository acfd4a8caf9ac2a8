import { type NodeKind, nodeDisplayName, nodeKinds } from '@callflow/flow';
import type { DraftNode } from '../canvas/DraftDocument.ts';
import { nodeIcons } from '../canvas/nodeIcons.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { helpOutcomes } from './helpOutcomes.ts';
import './help.css';

/**
 * The help of one node kind, in a PBX administrator's words: what it does, when the call takes each
 * outcome, and an example. Opened for a node, it lists that node's own outcomes by their canvas names.
 */
export function HelpPanel({
  kind,
  node,
  onClose,
}: {
  kind: NodeKind;
  node?: DraftNode | undefined;
  onClose: () => void;
}) {
  const definition = nodeKinds[kind];
  const Icon = nodeIcons[definition.icon];
  const outcomes = helpOutcomes(kind, node);
  const nodeName = node === undefined ? '' : nodeDisplayName(node);
  return (
    <Dialog title={`Help: ${definition.title}`} onClose={onClose} wide>
      <div className="help" data-testid="node-help" data-kind={kind}>
        <div className="help__lead">
          <span className="help__icon" data-kind={kind} aria-hidden="true">
            <Icon size={20} />
          </span>
          <div>
            <p className="help__summary">{definition.description}</p>
            {nodeName !== '' && nodeName !== definition.title && (
              <p className="help__for muted small">This node: {nodeName}</p>
            )}
          </div>
        </div>

        <section aria-label="What it does">
          <h3 className="help__heading">What it does</h3>
          <p>{definition.help.does}</p>
        </section>

        <section aria-label="Outcomes">
          <h3 className="help__heading">Outcomes</h3>
          {outcomes.length === 0 ? (
            <p>None: the call ends here.</p>
          ) : (
            <dl className="help__outcomes">
              {outcomes.map((outcome) => (
                <div key={outcome.port} className="help__outcome">
                  <dt>
                    <span className="badge">{outcome.name}</span>
                  </dt>
                  <dd>{outcome.when}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>

        <section aria-label="Example">
          <h3 className="help__heading">Example</h3>
          <p>{definition.help.example}</p>
        </section>

        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}
