// The typed fetch client the browser uses for /api/v1. Errors arrive as ApiClientError carrying
// the APIErrorPayload, so forms can show `detail` and per-field `errors`.
export interface ApiErrorPayload {
  code: number;
  detail: string;
  type: string;
  errors?: { loc: (string | number)[]; msg: string; type: string }[];
}

export class ApiClientError extends Error {
  readonly status: number;
  readonly payload: ApiErrorPayload;

  constructor(payload: ApiErrorPayload) {
    super(payload.detail);
    this.status = payload.code;
    this.payload = payload;
  }

  /** The message for one body field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.payload.errors?.find((e) => e.loc[0] === "body" && e.loc[1] === field)?.msg;
  }
}

export async function apiFetch<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      headers: {
        accept: "application/json",
        ...(json !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
      credentials: "same-origin",
    });
  } catch {
    throw new ApiClientError({
      code: 0,
      detail: "Could not reach Quiver. Check your connection and try again.",
      type: "network_error",
    });
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const payload = data as Partial<ApiErrorPayload> | null;
    throw new ApiClientError({
      code: res.status,
      detail: payload?.detail ?? `Request failed with status ${res.status}`,
      type: payload?.type ?? "server_error",
      errors: payload?.errors,
    });
  }
  return data as T;
}

/**
 * A stored file's bytes (the catalog's file route), with the content type the server gave it.
 * Errors arrive as ApiClientError, as from apiFetch.
 */
export async function apiFetchBytes(
  path: string,
  init: RequestInit = {},
): Promise<{ contentType: string; bytes: ArrayBuffer }> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, credentials: "same-origin" });
  } catch {
    throw new ApiClientError({
      code: 0,
      detail: "Could not reach Quiver. Check your connection and try again.",
      type: "network_error",
    });
  }
  if (!res.ok) {
    const payload = (await res.json().catch(() => null)) as Partial<ApiErrorPayload> | null;
    throw new ApiClientError({
      code: res.status,
      detail: payload?.detail ?? `Request failed with status ${res.status}`,
      type: payload?.type ?? "server_error",
      errors: payload?.errors,
    });
  }
  return {
    contentType: res.headers.get("content-type") ?? "application/octet-stream",
    bytes: await res.arrayBuffer(),
  };
}
