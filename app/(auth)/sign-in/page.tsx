// Sign-in page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { currentUserId } from "@/lib/auth/options";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl, error } = await searchParams;
  const safeCallback = safeCallbackPath(callbackUrl);
  if (await currentUserId()) redirect(safeCallback);
  return <SignInForm callbackUrl={safeCallback} demo={env().QUIVER_DEMO} initialError={error ? "Sign-in failed. Check your email and password." : null} />;
}
