// The primary process of `npm start` with several server processes (scripts/start.mjs): forks
// them on one port (Node's cluster module), replaces one that crashes, stops them on SIGINT or
// SIGTERM, and keeps the request limits of all of them in its memory when there is no Redis: a
// server process asks it over IPC (lib/api/limit-store.ts, PrimaryLimitStore), and the counting is
// the same code a single process runs (lib/api/memory-limits.mjs).
import cluster from "node:cluster";
import { answerLimitMessage, MemoryLimits } from "../lib/api/memory-limits.mjs";

/**
 * The primary of several server processes: forks the first one (which migrates and seeds), the
 * others once it serves; answers their limit operations; replaces one that exits, unless it keeps
 * dying at start (three times in a row within 10 s of starting: then that one stays stopped).
 */
export function runPrimary(processes, port) {
  const limits = new MemoryLimits();
  const slots = new Map();
  let stopping = false;
  let announced = false;

  const fork = (index, skipBootstrap) => {
    const w = cluster.fork({
      QUIVER_WEB_CONCURRENCY: String(processes),
      QUIVER_CLUSTER_WORKER: String(index),
      QUIVER_SKIP_BOOTSTRAP: skipBootstrap ? "1" : "0",
    });
    const slot = slots.get(index) ?? { deathsAtStart: 0, served: false };
    Object.assign(slot, { worker: w, startedAt: Date.now(), listening: false });
    slots.set(index, slot);
    w.on("message", (m) => {
      if (m?.type === "quiver:listening") return listening(index, slot);
      const reply = answerLimitMessage(limits, m);
      if (reply && w.isConnected()) w.send(reply, (err) => err && undefined);
    });
    w.on("exit", (code, signal) => exited(index, slot, w, code, signal));
  };

  const listening = (index, slot) => {
    const again = slot.served;
    Object.assign(slot, { listening: true, served: true });
    if (again)
      console.log(`Server process ${index} is serving again (pid ${slot.worker.process.pid})`);
    // Not again: a replaced first process must not restart one the crash guard gave up on.
    else if (index === 1) for (let i = 2; i <= processes; i++) fork(i, true);
    if (!announced && [...slots.values()].filter((s) => s.listening).length === processes) {
      announced = true;
      console.log(`Listening on http://localhost:${port} with ${processes} server processes`);
    }
  };

  const exited = (index, slot, w, code, signal) => {
    if (stopping || slot.worker !== w) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (!slot.served && index === 1 && slots.size === 1) {
      console.error(`The first server process exited at start (${how}); stopping`);
      process.exit(code || 1);
    }
    const atStart = !slot.listening || Date.now() - slot.startedAt < 10_000;
    slot.deathsAtStart = atStart ? slot.deathsAtStart + 1 : 0;
    if (slot.deathsAtStart >= 3) {
      console.error(
        `Server process ${index} exited at start ${slot.deathsAtStart} times in a row (${how}); not starting it again`,
      );
      slots.delete(index);
      if (slots.size === 0) process.exit(1);
      return;
    }
    console.error(
      `Server process ${index} (pid ${w.process.pid}) exited (${how}); starting a new one`,
    );
    const delay = slot.deathsAtStart ? 1000 * slot.deathsAtStart : 0;
    setTimeout(() => !stopping && fork(index, true), delay);
  };

  stopOnSignals(() => (stopping = true));
  fork(1, false);
}

/** SIGINT or SIGTERM: the server processes are asked to stop (then killed after 10 s), then exit. */
function stopOnSignals(stop) {
  let stopped = false;
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, () => {
      if (stopped) return;
      stopped = true;
      stop();
      const live = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
      if (!live.length) process.exit(0);
      let left = live.length;
      for (const w of live) {
        w.once("exit", () => --left === 0 && process.exit(0));
        w.process.kill("SIGTERM");
      }
      setTimeout(() => {
        for (const w of live) if (!w.isDead()) w.process.kill("SIGKILL");
        process.exit(0);
      }, 10_000).unref();
    });
  }
}
