// The one link from request handlers to this process's job runner: creating a built-in job wakes
// the in-process worker at once instead of at its next poll. (Kept apart from worker.ts so that
// lib/optimization/job/create.ts does not import the engine.)
interface Pokeable {
  poke(): void;
}

const holder = globalThis as unknown as { __quiverWorker?: Pokeable };

export function registerWorker(w: Pokeable): void {
  holder.__quiverWorker = w;
}

export function registeredWorker<T extends Pokeable>(): T | undefined {
  return holder.__quiverWorker as T | undefined;
}

export function pokeWorker(): void {
  holder.__quiverWorker?.poke();
}
