// 404 for pages.
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";

export default async function NotFound() {
  // Rendered per request, not at build time: its scripts need the request's CSP nonce.
  await connection();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">
        This page does not exist, or you cannot see it
      </h1>
      <ButtonLink href="/">Go to your dashboard</ButtonLink>
    </main>
  );
}
