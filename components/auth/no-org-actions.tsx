"use client";
// The welcome page's actions for an account without an organization: create one, or sign out.
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CreateOrgDialog } from "@/components/shell/create-org-dialog";

export function NoOrgActions() {
  const [creating, setCreating] = useState(false);
  return (
    <div className="flex flex-wrap gap-3">
      <Button onClick={() => setCreating(true)}>Create organization</Button>
      <Button variant="ghost" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
        Sign out
      </Button>
      {creating ? <CreateOrgDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
