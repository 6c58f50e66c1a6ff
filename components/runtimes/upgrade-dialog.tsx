"use client";
// What moving a binding to another version (the latest by default) would change for this runtime,
// from GET .../upgrade-preview, and the one click that applies it (PATCH {version}).
import { useState, type ReactNode } from "react";
import { useCapabilityVersions } from "@/components/catalog/hooks";
import { ToolChanges } from "@/components/catalog/tool-changes";
import { StatusIcon } from "@/components/catalog/trust-card";
import { Button } from "@/components/ui/button";
import { ErrorState, LoadingRows } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/form";
import { useToast } from "@/components/ui/toast";
import type { TrustStatus } from "@/lib/catalog/trust/card";
import { compareVersions } from "@/lib/versions";
import {
  useUpdateBinding,
  useUpgradePreview,
  type BindingView,
  type UpgradePreviewView,
  type Where,
} from "./hooks";

const trustWords: Record<string, string> = {
  fail: "needs a close look",
  warn: "some things to check",
  pass: "nothing risky found",
  info: "nothing risky found",
};
const typeLabel: Record<string, string> = {
  agent: "agent",
  tool: "tool",
  skill: "skill",
  mcp_server: "MCP server",
  worker: "worker",
};

function Section({
  title,
  tone = "slate",
  children,
}: {
  title: string;
  tone?: "slate" | "amber";
  children: ReactNode;
}) {
  return (
    <section className="py-2.5">
      <h3
        className={`text-xs font-semibold uppercase tracking-wide ${tone === "amber" ? "text-amber-800" : "text-slate-500"}`}
      >
        {title}
      </h3>
      <div className="mt-1 text-sm text-slate-800">{children}</div>
    </section>
  );
}

const Mono = ({ items }: { items: string[] }) => (
  <ul className="flex flex-wrap gap-1.5">
    {items.map((i) => (
      <li key={i} className="break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
        {i}
      </li>
    ))}
  </ul>
);

/** What the target version fetches at run time without a pin: new ones first, each with how to pin it. */
function UnpinnedFetches({ p }: { p: UpgradePreviewView }) {
  const list = [...p.unpinned_fetches].sort((a, b) => Number(b.introduced) - Number(a.introduced));
  const fresh = list.filter((u) => u.introduced).length;
  return (
    <Section
      title={`Fetched at run time without a pin (${fresh ? `${fresh} new` : `all already in ${p.from}`})`}
      tone="amber"
    >
      <ul className="space-y-2" data-testid="unpinned-fetches">
        {list.map((u) => (
          <li
            key={`${u.component}\u0000${u.target}`}
            data-introduced={u.introduced}
            data-severity={u.severity}
          >
            <p className="flex flex-wrap items-center gap-1.5">
              <StatusIcon status={u.severity} />
              <span className="font-medium">{u.component}</span>
              <span className="text-xs text-slate-600">
                {u.introduced ? `new in ${p.to}` : `already in ${p.from}`}
                {u.path ? ` · ${u.path}${u.line ? `:${u.line}` : ""}` : ""}
              </span>
            </p>
            <code className="mt-0.5 block break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">
              {u.command}
            </code>
            <p className="mt-0.5 text-xs text-slate-700">
              {u.target !== u.command ? (
                <>
                  <code>{u.target}</code>:{" "}
                </>
              ) : null}
              {u.reason}. Fix: {u.fix}.
            </p>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function PreviewBody({ p }: { p: UpgradePreviewView }) {
  const toolCount = p.tools.added.length + p.tools.removed.length + p.tools.changed.length;
  const nothing =
    !p.components.added.length &&
    !p.components.removed.length &&
    !p.new_mcp_servers.length &&
    !p.new_hosts.length &&
    !p.new_commands.length &&
    !p.flags.added.length &&
    !p.flags.removed.length &&
    !p.dropped_overrides.length &&
    !toolCount;
  return (
    <div className="divide-y divide-slate-100" data-testid="upgrade-preview">
      <Section title="Trust">
        <p className="flex flex-wrap items-center gap-2">
          <StatusIcon status={p.trust.from_status as TrustStatus} /> {p.from}:{" "}
          {trustWords[p.trust.from_status] ?? p.trust.from_status}
          <span aria-hidden="true" className="text-slate-400">
            →
          </span>
          <StatusIcon status={p.trust.to_status as TrustStatus} /> {p.to}:{" "}
          {trustWords[p.trust.to_status] ?? p.trust.to_status}
        </p>
        {p.trust.risks.length ? (
          <ul className="mt-1.5 list-disc space-y-0.5 pl-5 text-amber-900">
            {p.trust.risks.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-xs text-slate-600">The trust card of {p.to} lists no risks.</p>
        )}
      </Section>
      {p.unpinned_fetches.length ? <UnpinnedFetches p={p} /> : null}
      {nothing ? (
        <Section title="What changes">
          <p className="text-slate-600">
            No component, flag, MCP server or tool, host or command changes: only file contents
            differ.
          </p>
        </Section>
      ) : null}
      {p.components.added.length || p.components.removed.length ? (
        <Section title="Components">
          <ul className="space-y-0.5">
            {p.components.added.map((c) => (
              <li key={`+${c.type}${c.name}`}>
                <span className="font-mono text-emerald-700">+</span> {typeLabel[c.type] ?? c.type}{" "}
                <code className="text-xs">{c.name}</code>
              </li>
            ))}
            {p.components.removed.map((c) => (
              <li key={`-${c.type}${c.name}`}>
                <span className="font-mono text-red-700">−</span> {typeLabel[c.type] ?? c.type}{" "}
                <code className="text-xs">{c.name}</code>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {p.new_mcp_servers.length ? (
        <Section title="New MCP servers" tone="amber">
          <Mono items={p.new_mcp_servers} />
        </Section>
      ) : null}
      {p.new_hosts.length ? (
        <Section title="New hosts it will reach" tone="amber">
          <Mono items={p.new_hosts} />
        </Section>
      ) : null}
      {p.new_commands.length ? (
        <Section title="New commands it will run" tone="amber">
          <Mono items={p.new_commands} />
        </Section>
      ) : null}
      {toolCount ? (
        <Section title="Approved MCP tools" tone="amber">
          <div className="-mx-4">
            <ToolChanges tools={p.tools} />
          </div>
        </Section>
      ) : null}
      {p.flags.added.length || p.flags.removed.length ? (
        <Section title="Flags">
          <ul className="space-y-0.5">
            {p.flags.added.map((f) => (
              <li key={f.name}>
                <span className="font-mono text-emerald-700">+</span>{" "}
                <code className="text-xs">{f.name}</code> (default {f.default ? "on" : "off"})
                {f.description ? <span className="text-slate-600">: {f.description}</span> : null}
              </li>
            ))}
            {p.flags.removed.map((f) => (
              <li key={f}>
                <span className="font-mono text-red-700">−</span>{" "}
                <code className="text-xs">{f}</code>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {p.dropped_overrides.length ? (
        <Section title="Overrides that will be dropped" tone="amber">
          <ul className="space-y-0.5">
            {p.dropped_overrides.map((o) => (
              <li key={o.flag}>
                <code className="text-xs">{o.flag}</code> is overridden to {o.value ? "on" : "off"}{" "}
                here; {p.to} no longer declares it.
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section title="Resolved digest after">
        <code className="break-all font-mono text-xs text-slate-700">{p.runtime_digest_after}</code>
      </Section>
    </div>
  );
}

export function UpgradeDialog({
  where,
  runtimeId,
  binding,
  open,
  onClose,
  canWrite,
  disabledReason,
}: {
  where: Where;
  runtimeId: string;
  binding: BindingView;
  open: boolean;
  onClose: () => void;
  canWrite: boolean;
  disabledReason: string;
}) {
  const [to, setTo] = useState(binding.latest_version ?? binding.version);
  const versions = useCapabilityVersions(where.org, binding.capability_name, open);
  const preview = useUpgradePreview(
    where,
    runtimeId,
    binding.id,
    to,
    open && to !== binding.version,
  );
  const update = useUpdateBinding(where, runtimeId);
  const { toast } = useToast();
  const direction = compareVersions(to, binding.version);
  const verb = direction > 0 ? "Upgrade" : "Switch";
  return (
    <Dialog
      open={open}
      onClose={() => {
        update.reset();
        onClose();
      }}
      wide
      title={`${binding.capability_name}: ${binding.version} → ${to}`}
      footer={
        <>
          {update.error ? (
            <p role="alert" className="mr-auto text-sm text-red-700">
              {update.error.message}
            </p>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!canWrite || direction === 0 || !preview.data || update.isPending}
            title={canWrite ? undefined : disabledReason}
            onClick={() =>
              update.mutate(
                { bindingId: binding.id, change: { version: to } },
                {
                  onSuccess: () => {
                    toast({
                      message: `${verb === "Upgrade" ? "Upgraded" : "Switched"} ${binding.capability_name} from ${binding.version} to ${to}: the runtime loads it from its next sync.`,
                    });
                    onClose();
                  },
                },
              )
            }
          >
            {update.isPending
              ? `${verb === "Upgrade" ? "Upgrading" : "Switching"}…`
              : `${verb} to ${to}`}
          </Button>
        </>
      }
    >
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <label htmlFor={`to-${binding.id}`} className="text-sm text-slate-700">
          Target version
        </label>
        <div className="w-40">
          <Select id={`to-${binding.id}`} value={to} onChange={(e) => setTo(e.target.value)}>
            {(versions.data?.versions.map((v) => v.version) ?? [to]).map((v) => (
              <option key={v} value={v}>
                {v}
                {v === binding.latest_version ? " (latest)" : ""}
                {v === binding.version ? " (current)" : ""}
              </option>
            ))}
          </Select>
        </div>
        {direction < 0 ? (
          <span className="text-xs text-amber-800">
            An older version than the bound {binding.version}
          </span>
        ) : null}
      </div>
      {direction === 0 ? (
        <p className="text-sm text-slate-600">
          This runtime already runs {to}. Pick another version to see what would change.
        </p>
      ) : preview.isPending ? (
        <LoadingRows rows={4} />
      ) : preview.isError ? (
        <ErrorState
          message={`Could not preview ${to}: ${preview.error.message}`}
          onRetry={() => preview.refetch()}
        />
      ) : (
        <PreviewBody p={preview.data} />
      )}
    </Dialog>
  );
}
