// Settings → Members: the org's people and, for admins, its pending invitations.
import type { Metadata } from "next";
import { MembersPanel } from "@/components/settings/members-panel";
import { mailConfigured } from "@/lib/mail/mailer";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Members · Settings" };

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<{ page?: string }>;
}) {
  const [{ org: slug }, { page }] = await Promise.all([params, searchParams]);
  const { user, orgs, org } = await pageContext(slug);
  const pageNumber = Math.max(1, Math.floor(Number(page)) || 1);
  return (
    <MembersPanel
      org={{ slug: org.slug, name: org.name }}
      viewer={{ id: user.id, role: org.role }}
      otherOrgs={orgs.filter((o) => o.slug !== org.slug).map((o) => o.slug)}
      mailConfigured={mailConfigured()}
      page={pageNumber}
    />
  );
}
