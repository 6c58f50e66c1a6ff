// The front door: the first org's catalog when signed in (the welcome page for an account in no
// org), the sign-in page otherwise.
import { redirect } from "next/navigation";
import { currentUserId } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { listOrgsForUser } from "@/lib/orgs/service";

export default async function Home() {
  const userId = await currentUserId();
  if (!userId) redirect("/sign-in");
  const [first] = await listOrgsForUser(db(), userId);
  redirect(first ? `/${first.slug}/catalog` : "/welcome");
}
