// What a page says when its URL asks for something that is not there (a version, a compared
// item, a variant) and it shows something else instead: never a silent substitution.
import type { ReactNode } from "react";

export function UrlNotice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      data-testid="url-notice"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
    >
      {children}
    </p>
  );
}
