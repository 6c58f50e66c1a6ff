// Any path in an org that no page matches: the org's 404 (not-found.tsx beside the org layout),
// inside the app shell, instead of the bare root 404.
import { notFound } from "next/navigation";

export default function NoSuchPage() {
  notFound();
}
