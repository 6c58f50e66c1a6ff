// Where a signed-in account that belongs to no organization lands (it left its last one, or its
// only membership was removed): create one, or open a teammate's invitation link.
import { redirect } from "next/navigation";
import { NoOrgActions } from "@/components/auth/no-org-actions";
import { currentUserId } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { listOrgsForUser } from "@/lib/orgs/service";

export const metadata = { title: "Welcome" };

export default async function WelcomePage() {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  const [first] = await listOrgsForUser(db(), userId);
  if (first) redirect(`/${first.slug}/catalog`);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold text-slate-900">You are not in an organization</h1>
      <p className="text-sm text-slate-600">
        Everything in Quiver belongs to an organization. Create one to start your own catalog, or,
        if a teammate invited you, open the invitation link they sent you.
      </p>
      <NoOrgActions />
    </div>
  );
}
