import WebSocket from 'ws';

const CLOSE_WAIT_MS = 2_000;

/** Resolves once the close handshake is done (or forced), so Asterisk has dropped the app. */
export function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.terminate();
      resolve();
    }, CLOSE_WAIT_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000, 'stopping');
    } catch {
      socket.terminate();
    }
  });
}
