"use client";
// The invite page's buttons: accept (then open the org), and sign out (signed in as someone else).
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form";
import { useAcceptInvitation } from "@/components/shell/hooks";

export function AcceptInvitation({ token, orgName }: { token: string; orgName: string }) {
  const router = useRouter();
  const accept = useAcceptInvitation(token, (res) => {
    router.push(`/${res.org.slug}/catalog`);
    router.refresh();
  });
  return (
    <div className="space-y-3">
      <FormError message={accept.error?.message} />
      <Button
        className="w-full"
        disabled={accept.isPending || accept.isSuccess}
        onClick={() => accept.mutate()}
      >
        {accept.isPending || accept.isSuccess ? "Joining…" : `Accept and join ${orgName}`}
      </Button>
    </div>
  );
}

export function SignOutToSwitch({ token }: { token: string }) {
  return (
    <Button
      variant="secondary"
      className="w-full"
      onClick={() => void signOut({ callbackUrl: `/invite/${encodeURIComponent(token)}` })}
    >
      Sign out
    </Button>
  );
}
