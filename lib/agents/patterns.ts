// The release configuration's string patterns, without zod: the API's shapes (shapes.ts) validate
// with them, and the browser's draft form checks a field as it is typed with the same ones.

/** The seed's UUID pattern (v4). */
export const UUID_V4 =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$/;

/** A capability in the catalog: own `name` or another org's public `owner/name`, optionally `@version`. */
export const CAPABILITY_REF =
  /^(?:([a-z0-9][a-z0-9-]*)\/)?([a-z0-9][a-z0-9-]*)(?:@(\d+\.\d+\.\d+))?$/;
