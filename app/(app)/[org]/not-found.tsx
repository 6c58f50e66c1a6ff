// 404 inside an org: rendered within the app shell (the org's layout), so the navigation stays,
// and it says what was not found. Paths outside any org get app/not-found.tsx.
import { connection } from "next/server";
import { NotFoundPanel } from "@/components/shell/not-found-panel";

export default async function OrgNotFound() {
  // Rendered per request, not at build time: its scripts need the request's CSP nonce.
  await connection();
  return <NotFoundPanel />;
}
