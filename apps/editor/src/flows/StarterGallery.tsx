import { type StarterFlow, starterFlows } from '@callflow/flow';
import { FilePlus2 } from 'lucide-react';
import { starterIcons } from './starterIcons.ts';

/**
 * The starter flows as cards (picture, title, what callers get, "Use this"), and a blank flow last.
 * `onUse` receives the starter, or null for a blank flow.
 */
export function StarterGallery({ onUse }: { onUse: (starter: StarterFlow | null) => void }) {
  return (
    <ul className="starter-gallery" aria-label="Starter flows">
      {starterFlows.map((starter) => {
        const Icon = starterIcons[starter.icon];
        return (
          <li key={starter.id} className="starter-card">
            <Icon className="starter-card__icon" size={22} aria-hidden="true" />
            <h3 className="starter-card__title">{starter.title}</h3>
            <p className="starter-card__description">{starter.description}</p>
            <button
              type="button"
              className="button button--small"
              aria-label={`Use ${starter.title}`}
              onClick={() => onUse(starter)}
            >
              Use this
            </button>
          </li>
        );
      })}
      <li className="starter-card starter-card--blank">
        <FilePlus2 className="starter-card__icon" size={22} aria-hidden="true" />
        <h3 className="starter-card__title">Blank flow</h3>
        <p className="starter-card__description">
          Start from an empty canvas and drag in the steps you need from the palette.
        </p>
        <button type="button" className="button button--small" onClick={() => onUse(null)}>
          Start blank
        </button>
      </li>
    </ul>
  );
}
