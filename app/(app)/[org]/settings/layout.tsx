// Settings of an org, in tabs.
import type { ReactNode } from "react";
import { PageHeader } from "@/components/ui/card";
import { SettingsTabs } from "@/components/settings/settings-tabs";

export default async function SettingsLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsTabs org={org} />
      <div className="mt-6">{children}</div>
    </>
  );
}
