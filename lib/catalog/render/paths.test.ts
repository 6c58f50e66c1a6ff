// Bundle paths as Markdown links and the viewer's URL see them.
import { describe, expect, it } from "vitest";
import { basename, dirname, fileUrl, linkKind, resolveBundlePath, withFileParam } from "./paths";

describe("resolveBundlePath", () => {
  it("resolves relative links against the Markdown file's folder", () => {
    expect(resolveBundlePath("skills/runbook", "./SKILL.md")).toBe("skills/runbook/SKILL.md");
    expect(resolveBundlePath("skills/runbook", "../../tools/x.py#L3")).toBe("tools/x.py");
    expect(resolveBundlePath("skills/runbook", "img/a%20b.png?raw=1")).toBe(
      "skills/runbook/img/a b.png",
    );
    expect(resolveBundlePath("", "agents/operator.md")).toBe("agents/operator.md");
  });

  it("reads a leading slash as the bundle root", () => {
    expect(resolveBundlePath("skills/runbook", "/README.md")).toBe("README.md");
  });

  it("refuses paths that climb out of the bundle or name nothing", () => {
    expect(resolveBundlePath("skills", "../../etc/passwd")).toBeNull();
    expect(resolveBundlePath("", "..")).toBeNull();
    expect(resolveBundlePath("a", "#section")).toBeNull();
    expect(resolveBundlePath("a", "%E0%A4%A")).toBeNull();
  });
});

describe("linkKind", () => {
  it("tells other sites, bundle paths, fragments and removed URLs apart", () => {
    expect(linkKind("https://example.com")).toBe("external");
    expect(linkKind("mailto:a@example.com")).toBe("external");
    expect(linkKind("//cdn.example/x.png")).toBe("external");
    expect(linkKind("docs/a.md")).toBe("bundle");
    expect(linkKind("/README.md")).toBe("bundle");
    expect(linkKind("#usage")).toBe("anchor");
    expect(linkKind("")).toBe("none");
  });
});

describe("withFileParam", () => {
  it("sets the file, keeps the version and leaves slashes readable", () => {
    expect(withFileParam("?version=1.0.0", "agents/operator.md")).toBe(
      "?version=1.0.0&file=agents/operator.md",
    );
    expect(withFileParam("version=1.0.0&file=a.md&line=3", null)).toBe("?version=1.0.0");
    expect(withFileParam("file=a.md&line=3&version=1.0.0", "b.md")).toBe(
      "?file=b.md&version=1.0.0",
    );
    expect(withFileParam("", null)).toBe("");
    expect(withFileParam("", "a b&c.md")).toBe("?file=a+b%26c.md");
  });
});

it("splits paths", () => {
  expect(dirname("a/b/c.md")).toBe("a/b");
  expect(dirname("c.md")).toBe("");
  expect(basename("a/b/c.md")).toBe("c.md");
});

it("builds file URLs with each segment encoded", () => {
  expect(fileUrl("/api/v1/org/acme/capabilities/x/1.0.0/files", "skills/a b/SKILL#1.md")).toBe(
    "/api/v1/org/acme/capabilities/x/1.0.0/files/skills/a%20b/SKILL%231.md",
  );
});
