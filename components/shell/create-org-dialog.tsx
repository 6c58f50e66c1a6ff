"use client";
// The org switcher's "Create organization": a name, and a slug (the org's address) suggested from
// the name until the user edits it. The creator becomes owner; the new org opens on its catalog.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, FormError, Input } from "@/components/ui/form";
import { ApiClientError } from "@/lib/api/client";
import { slugFromName } from "@/components/settings/members-rules";
import { useCreateOrg } from "./hooks";

export function CreateOrgDialog({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const create = useCreateOrg();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const err = create.error instanceof ApiClientError ? create.error : null;
  const shownSlug = slugEdited ? slug : slugFromName(name);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), slug: shownSlug },
      {
        onSuccess: (org) => {
          router.push(`/${org.slug}/catalog`);
          router.refresh(); // the switcher lists the new org
        },
      },
    );
  }

  const slugError = err?.fieldMessage("slug") ?? (err?.status === 409 ? err.message : undefined);
  const general = err && !err.payload.errors?.length && err.status !== 409 ? err.message : null;

  return (
    <Dialog
      open
      onClose={onClose}
      title="Create organization"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="create-org-form"
            disabled={create.isPending || create.isSuccess || !name.trim() || !shownSlug}
          >
            {create.isPending || create.isSuccess ? "Creating…" : "Create organization"}
          </Button>
        </>
      }
    >
      <form id="create-org-form" onSubmit={onSubmit} className="space-y-4" noValidate>
        <p className="text-sm text-slate-600">
          You become its owner. It starts with a workspace named “main”; invite teammates under
          Settings → Members.
        </p>
        <FormError message={general} />
        <Field label="Name" htmlFor="org-name" error={err?.fieldMessage("name")}>
          <Input
            id="org-name"
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Acme Robotics"
            required
            maxLength={100}
            autoFocus
          />
        </Field>
        <Field
          label="Slug"
          htmlFor="org-slug"
          hint={
            shownSlug
              ? `Its pages live under /${shownSlug}/. Lower-case letters, digits and hyphens.`
              : "Lower-case letters, digits and hyphens, 2 to 40."
          }
          error={slugError}
        >
          <Input
            id="org-slug"
            name="slug"
            value={shownSlug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value.toLowerCase());
            }}
            required
            maxLength={40}
            pattern="[a-z0-9][a-z0-9-]*[a-z0-9]"
            className="font-mono"
            aria-invalid={slugError ? true : undefined}
          />
        </Field>
      </form>
    </Dialog>
  );
}
