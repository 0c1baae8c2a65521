import type { CliIO } from './check';

/** A one-line progress counter on stderr, only when stderr is a terminal; throttled to 10 updates a second. */
export function progressReporter(io: CliIO): { update: (done: number, total: number) => void; done: () => void } {
  if (!io.stderrIsTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[2Kreadiness: ${done}/${total} files`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[2K');
    },
  };
}
