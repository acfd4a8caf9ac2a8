/** What to tell a person whose microphone could not be opened, from getUserMedia's error. */
export function microphoneProblem(caught: unknown): string {
  const name = caught instanceof DOMException ? caught.name : caught instanceof Error ? caught.message : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The browser was not allowed to use the microphone. Allow it (the icon in the address bar), then try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found. Connect one, then try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The microphone is in use by another program or could not be started. Close that program, then try again.';
    case 'unsupported':
      return window.isSecureContext
        ? 'This browser cannot record audio. Use a recent Chrome, Edge or Firefox, or upload a file instead.'
        : 'Recording needs a secure connection: open Callflow over https (or on this computer), or upload a file instead.';
    default:
      return 'The microphone could not be started. Check it is connected and allowed, then try again.';
  }
}
