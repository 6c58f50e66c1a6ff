// One event of the audit log: when, who, what in words, the target by name (a link while it
// exists, marked when deleted), and what changed, before → after, with the other details.
import Link from "next/link";
import { Badge } from "@/components/ui/card";
import { Time } from "@/components/ui/time";
import { auditChanges, fieldLabel, formatValue } from "@/lib/audit/changes";
import type { AuditEventView } from "./hooks";

function Target({ target }: { target: AuditEventView["target"] }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {target.url ? (
        <Link href={target.url} className="font-medium text-indigo-700 hover:underline">
          {target.label}
        </Link>
      ) : (
        <span className="font-medium text-slate-900">{target.label}</span>
      )}
      {target.deleted ? <Badge tone="slate">deleted</Badge> : null}
    </span>
  );
}

function Changes({ event }: { event: AuditEventView }) {
  const { details } = auditChanges(event.action, event.summary);
  if (!event.changes.length && !details.length) return <span className="text-slate-500">—</span>;
  return (
    <dl className="space-y-0.5">
      {event.changes.map((c) => (
        <div key={c.field} className="flex flex-wrap gap-1">
          <dt className="text-slate-500">{fieldLabel(c.field)}:</dt>
          <dd>
            <span className="text-slate-700 line-through decoration-slate-400">
              {formatValue(c.before)}
            </span>
            <span aria-hidden="true"> → </span>
            <span className="sr-only"> changed to </span>
            <span className="font-medium text-slate-900">{formatValue(c.after)}</span>
          </dd>
        </div>
      ))}
      {details.map(([k, v]) => (
        <div key={k} className="flex flex-wrap gap-1">
          <dt className="text-slate-500">{fieldLabel(k)}:</dt>
          <dd className="break-all text-slate-700">{formatValue(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AuditEventRow({ event }: { event: AuditEventView }) {
  return (
    <tr className="align-top">
      <td className="whitespace-nowrap px-4 py-2 text-slate-600">
        <Time iso={event.created_at} mode="absolute" />
      </td>
      <td className="px-4 py-2 text-slate-800">
        {event.actor.label}
        {event.actor.type === "system" ? <span className="sr-only"> (automatic)</span> : null}
      </td>
      <td className="px-4 py-2">
        <span className="block text-slate-900">{event.action_label}</span>
        <code className="text-xs text-slate-500">{event.action}</code>
      </td>
      <td className="px-4 py-2">
        <Target target={event.target} />
      </td>
      <td className="max-w-md px-4 py-2 text-xs">
        <Changes event={event} />
      </td>
    </tr>
  );
}
