/** What Callflow does and what to do next: the top of the first page, before any flow exists. */
export function GettingStarted({ editable }: { editable: boolean }) {
  return (
    <section className="getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">Welcome to Callflow</h2>
      <p className="getting-started__lead">
        Callflow decides what callers hear and which keys they press when they dial one of your extensions:
        greetings, menus, opening hours, voicemail. You draw it as a flow, then publish it to an extension.
      </p>
      {editable ? (
        <ol className="getting-started__steps">
          <li>
            <strong>Pick a starter</strong> below, or start with a blank flow.
          </li>
          <li>
            <strong>Adapt it</strong>: change the words callers hear, the choices and the phones they reach.
          </li>
          <li>
            <strong>Publish</strong> it to an extension, and call that extension to hear it.
          </li>
        </ol>
      ) : (
        <p>You can look at flows and calls; ask an editor to create a flow.</p>
      )}
    </section>
  );
}
