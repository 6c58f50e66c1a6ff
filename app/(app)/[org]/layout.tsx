// The dashboard shell of one org: switchers, navigation, the signed-in user.
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { pageContext } from "@/lib/orgs/page-context";

export default async function OrgLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org: slug } = await params;
  const { user, orgs, org, workspaces } = await pageContext(slug);
  return (
    <AppShell
      user={{ email: user.email, name: user.name }}
      orgs={orgs.map((o) => ({ slug: o.slug, name: o.name, role: o.role }))}
      org={{ slug: org.slug, name: org.name, role: org.role }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
    >
      {children}
    </AppShell>
  );
}
