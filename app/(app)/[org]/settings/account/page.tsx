// Settings → Account: the signed-in person's own account (password), the same in every org.
import type { Metadata } from "next";
import { PasswordForm } from "@/components/settings/password-form";
import { pageContext } from "@/lib/orgs/page-context";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { user } = await pageContext(org);
  return <PasswordForm email={user.email} />;
}
