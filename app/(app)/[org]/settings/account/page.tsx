// Settings → Account: the signed-in person's own account (name, password or SSO, sessions), the
// same in every org. First paint reads it through the account service, as GET /api/v1/account does.
import type { Metadata } from "next";
import { AccountPanel } from "@/components/settings/account-panel";
import { env } from "@/lib/env";
import { pageOrgCtx } from "@/lib/orgs/page-context";
import { getAccount } from "@/lib/users/account";

export const metadata: Metadata = { title: "Account · Settings" };

export default async function AccountPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const account = await getAccount(await pageOrgCtx(org));
  return <AccountPanel account={account} ssoName={env().QUIVER_OIDC_NAME} />;
}
