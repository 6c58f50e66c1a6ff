// A dashboard area with nothing in it yet: its header and an honest empty state.
import { EmptyState, PageHeader } from "@/components/ui/card";

export function EmptyArea({
  title,
  description,
  emptyTitle,
  children,
}: {
  title: string;
  description: string;
  emptyTitle: string;
  children: string;
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <EmptyState title={emptyTitle}>
        <p>{children}</p>
      </EmptyState>
    </>
  );
}
