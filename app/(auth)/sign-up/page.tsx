// Sign-up page.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { currentUserId } from "@/lib/auth/options";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage() {
  if (await currentUserId()) redirect("/");
  return <SignUpForm />;
}
