// Settings → Account: the signed-in person's own account (name, password or SSO, sessions), the
// same in every org.
import type { Metadata } from "next";
import { AccountPanel } from "@/components/settings/account-panel";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user } = await pageContext(org);
  // Whether there is a password to change, and an SSO identity: the hash itself never leaves here.
  const row = await db().user.findUnique({ where: { id: user.id }, select: { passwordHash: true, _count: { select: { identities: true } } } });
  const account = { id: user.id, email: user.email, name: user.name, has_password: row?.passwordHash != null, sso: (row?._count.identities ?? 0) > 0 };
  return <AccountPanel account={account} ssoName={env().QUIVER_OIDC_NAME} />;
}
