// The old address of the agents area: releases live with their agents now.
import { redirect } from "next/navigation";

export default async function ReleasesPage({
  params,
}: {
  params: Promise<{ org: string; ws: string }>;
}) {
  const { org, ws } = await params;
  redirect(`/${org}/${ws}/agents`);
}
