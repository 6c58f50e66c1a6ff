// Redacting secrets in manifests: what the trust scanners find is replaced, the rest is kept.
import { describe, expect, it } from "vitest";
import { redactJson, redactManifest } from "./redact";
import { redactSecrets } from "./trust/scan-secrets";

const aws = "AKIAUJZDE8GXD6NCF10E";
const gh = "ghp_pfJBd0Kh8oOOL8dKLzdocJ2isAjIhKtJ0Rlg";

describe("redactSecrets", () => {
  it("replaces token-shaped secrets anywhere in a string and keeps the text around them", () => {
    expect(redactSecrets(`use ${gh} and ${aws}.`)).toBe(
      "use ghp_…[redacted, 40 chars] and AKIA…[redacted, 20 chars].",
    );
    expect(redactSecrets("nothing secret here")).toBe("nothing secret here");
  });

  it("sees the key through its context, and never returns the context", () => {
    const value = "Zx9Qw7Lm3Rt5Yp1Kd8Vb";
    expect(redactSecrets(value)).toBe(value);
    expect(redactSecrets(value, "db_password: ")).toMatch(/^.{0,4}…\[redacted, 20 chars\]$/);
    expect(redactSecrets("eu-west-1", "region: ")).toBe("eu-west-1");
  });

  it("answers a repeated string as the first time, under its own context (the memo keys on both)", () => {
    const value = "q8Zr3LmV0pXw7TnB2sKdY4hJ";
    for (let i = 0; i < 2; i++) {
      expect(redactSecrets(value, "api_key: ")).toBe("q8Zr…[redacted, 24 chars]");
      expect(redactSecrets(value)).toBe(value);
      expect(redactSecrets(`x ${gh}`)).toBe("x ghp_…[redacted, 40 chars]");
    }
    // Past the memo's text length the scan runs every time, with the same answer.
    const long = `${"words ".repeat(400)}${gh}`;
    expect(redactSecrets(long)).toBe(`${"words ".repeat(400)}ghp_…[redacted, 40 chars]`);
    expect(redactSecrets(long)).toBe(redactSecrets(long));
  });

  it("leaves documentation fillers alone", () => {
    expect(redactSecrets("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")).toBe(
      "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    );
  });
});

describe("redactManifest", () => {
  it("redacts strings at any depth, keyed by their own key, and keeps numbers, booleans and shape", () => {
    const manifest = {
      schema: 1,
      name: "x",
      version: "1.0.0",
      description: "Plain",
      flags: { verbose: { description: "Say more", default: false } },
      mcp: {
        servers: {
          s3: {
            command: "s3-mcp",
            args: ["--token", gh],
            env: { AWS_ACCESS_KEY_ID: aws, REGION: "eu-west-1" },
          },
        },
      },
    };
    const out = redactManifest(manifest);
    expect(out).toEqual({
      ...manifest,
      mcp: {
        servers: {
          s3: {
            command: "s3-mcp",
            args: ["--token", "ghp_…[redacted, 40 chars]"],
            env: { AWS_ACCESS_KEY_ID: "AKIA…[redacted, 20 chars]", REGION: "eu-west-1" },
          },
        },
      },
    });
    expect(manifest.mcp.servers.s3.env.AWS_ACCESS_KEY_ID).toBe(aws); // the input is not changed
    expect(redactJson(null)).toBeNull();
    expect(redactManifest(undefined)).toEqual({});
  });
});
