import type { RuntimeStatusResponse } from '@callflow/contract';
import { phoneSystemWords } from './phoneSystemWords.ts';

export interface PhoneSystemCardsProps {
  readonly status: RuntimeStatusResponse | undefined;
  readonly error: Error | null;
}

/** One card per Asterisk server: "Phone system: connected", when it was last heard from, what is wrong. */
export function PhoneSystemCards({ status, error }: PhoneSystemCardsProps) {
  if (status === undefined) {
    return error === null ? (
      <div className="card phone-system phone-system--placeholder" aria-busy="true" />
    ) : (
      <p className="notice notice--error">
        Cannot read whether the phone system is connected: {error.message}
      </p>
    );
  }
  if (status.servers.length === 0) {
    return (
      <section className="card phone-system" data-state="silent" aria-label="Phone system">
        <h2>Phone system: not connected</h2>
        <p>
          Callflow’s runtime has never reported: it connects Callflow to Asterisk and answers the calls. Start
          it (<code>npm start</code>) where it can reach Asterisk; published extensions answer only while it
          runs.
        </p>
      </section>
    );
  }
  return (
    <div className="phone-systems">
      {status.servers.map((server) => {
        const words = phoneSystemWords(server, status.checkedAt);
        return (
          <section
            key={server.asteriskServer}
            className="card phone-system"
            data-state={words.state}
            aria-label={`Phone system ${server.asteriskServer}`}
          >
            <div className="phone-system__head">
              <span className={`status-dot status-dot--${words.state}`} aria-hidden="true" />
              <h2>Phone system: {words.headline.toLowerCase()}</h2>
            </div>
            <p className="phone-system__detail">{words.detail}</p>
            <p className="muted small phone-system__server">Asterisk at {server.asteriskServer}</p>
          </section>
        );
      })}
    </div>
  );
}
