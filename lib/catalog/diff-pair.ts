// The two versions the diff page compares, from its URL (`?from=&to=`): each one the URL names
// if the capability has it, else the default (the latest, and the version before it); the ones
// it names and does not have are returned too, so that the page says so. Pure.
export interface DiffPair {
  from: string | undefined;
  to: string | undefined;
  /** Versions the URL asked for that do not exist, in the order from, to. */
  missing: string[];
}

/** `list` is newest first. */
export function diffPair(list: string[], asked: { from?: string; to?: string }): DiffPair {
  const has = (v: string | undefined): v is string => !!v && list.includes(v);
  const to = has(asked.to) ? asked.to : list[0];
  const at = to === undefined ? -1 : list.indexOf(to);
  const from = has(asked.from) ? asked.from : (list[at + 1] ?? list[at - 1]);
  const missing = [asked.from, asked.to].filter((v): v is string => !!v && !list.includes(v));
  return { from, to, missing: [...new Set(missing)] };
}
