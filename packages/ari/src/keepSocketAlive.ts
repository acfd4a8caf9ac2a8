import type WebSocket from 'ws';

/**
 * Pings the socket every `intervalMs`; a ping left without a pong by the next one means the TCP
 * connection is dead without having been closed: `onTimeout`, then the socket is terminated.
 * Returns the function that stops it; an interval of 0 or less does nothing.
 */
export function keepSocketAlive(socket: WebSocket, intervalMs: number, onTimeout: () => void): () => void {
  if (intervalMs <= 0) return () => {};
  let alive = true;
  socket.on('pong', () => {
    alive = true;
  });
  const timer = setInterval(() => {
    if (!alive) {
      onTimeout();
      socket.terminate();
      return;
    }
    alive = false;
    try {
      socket.ping();
    } catch {
      // the 'close' handler takes over
    }
  }, intervalMs);
  return () => clearInterval(timer);
}
