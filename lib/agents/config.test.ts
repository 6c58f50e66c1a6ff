// Release versions, the next patch, comparing configurations, renaming keys, and the sealing of
// MCP client secrets (redacted round trips keep the secret; a stray redaction is refused).
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import {
  changedFields,
  emptyConfig,
  nextVersion,
  renameKeys,
  SMALL_SEMVER,
  toCamel,
  toSnake,
  type StoredConfig,
} from "./config";
import { publicClients, sameClients, sealClients } from "./secrets";

describe("release versions", () => {
  it("accepts the seed's small semver only", () => {
    for (const v of ["0.0.0", "1.2.3", "9999.9999.99999", "10.0.1"])
      expect(SMALL_SEMVER.test(v), v).toBe(true);
    for (const v of [
      "1.2",
      "01.2.3",
      "1.02.3",
      "1.2.03",
      "10000.0.0",
      "0.10000.0",
      "0.0.100000",
      "v1.2.3",
      "1.2.3-beta",
      "",
    ])
      expect(SMALL_SEMVER.test(v), v).toBe(false);
  });

  it("suggests the next patch, 1.0.0 at first, none past the largest patch", () => {
    expect(nextVersion(null)).toBe("1.0.0");
    expect(nextVersion("1.2.3")).toBe("1.2.4");
    expect(nextVersion("0.9.99")).toBe("0.9.100");
    expect(nextVersion("1.0.99999")).toBeNull();
  });
});

describe("configurations", () => {
  const base = (): StoredConfig => ({
    ...emptyConfig(),
    integrationSlug: "hubspot",
    languageModelSlug: "gpt",
    actions: [{ slug: "a", config: { x: 1, y: 2 } }],
  });

  it("names the fields that differ, ignoring key order", () => {
    const a = base();
    const b = {
      ...base(),
      actions: [{ config: { y: 2, x: 1 }, slug: "a" }],
      systemPrompt: "Be brief.",
    };
    expect(changedFields(a, b, sameClients)).toEqual(["systemPrompt"]);
    expect(changedFields(a, { ...base(), heartbeat: { intervalMinutes: 5 } }, sameClients)).toEqual(
      ["heartbeat"],
    );
  });

  it("renames keys both ways but never inside free-form values", () => {
    const camel = {
      isBulkAllowed: true,
      config: { someKey: 1 },
      filter: { groups: [{ columnSlug: "x" }] },
      selectedColumnSlugs: ["a"],
    };
    const snake = renameKeys(camel, toSnake);
    expect(snake).toEqual({
      is_bulk_allowed: true,
      config: { someKey: 1 },
      filter: { groups: [{ columnSlug: "x" }] },
      selected_column_slugs: ["a"],
    });
    expect(renameKeys(snake, toCamel)).toEqual(camel);
  });
});

describe("MCP client secrets", () => {
  const plain = {
    name: "crm",
    url: "https://mcp.example.com",
    authentication: {
      accessToken: "at-secret-1234",
      refreshToken: "rt-secret-5678",
      tokenType: "Bearer",
      expiresIn: 3600,
    },
  };

  it("seals the authentication and shows it redacted", () => {
    const [sealed] = sealClients([plain], [], "camel");
    expect(JSON.stringify(sealed)).not.toContain("at-secret");
    expect(publicClients([sealed!])).toEqual([
      {
        name: "crm",
        url: "https://mcp.example.com",
        authentication: {
          accessToken: "••••1234",
          refreshToken: "••••5678",
          tokenType: "Bearer",
          expiresIn: 3600,
        },
      },
    ]);
  });

  it("keeps the stored secret, and its ciphertext, when the redaction comes back", () => {
    const stored = sealClients([plain], [], "camel");
    const again = sealClients(publicClients(stored), [stored], "camel");
    expect(again).toEqual(stored);
    expect(sameClients(again, stored)).toBe(true);
  });

  it("compares secrets in plain: the same secret sealed twice is the same, another one is not", () => {
    const a = sealClients([plain], [], "camel");
    const b = sealClients([plain], [], "camel");
    expect(a[0]!.authentication!.ciphertext).not.toBe(b[0]!.authentication!.ciphertext);
    expect(sameClients(a, b)).toBe(true);
    const c = sealClients(
      [{ ...plain, authentication: { ...plain.authentication, accessToken: "other-1234" } }],
      [],
      "camel",
    );
    expect(sameClients(a, c)).toBe(false);
    expect(publicClients(c)).toEqual(publicClients(a));
  });

  it("refuses a redaction that matches no stored secret, naming where", () => {
    const stored = sealClients([plain], [], "camel");
    const renamed = publicClients(stored).map((c) => ({ ...c, name: "other" }));
    try {
      sealClients(renamed, [stored], "snake");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).errors?.map((e) => e.loc)).toEqual([
        ["body", "mcp_clients", 0, "authentication", "access_token"],
        ["body", "mcp_clients", 0, "authentication", "refresh_token"],
      ]);
    }
  });
});
