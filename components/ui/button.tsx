// Buttons and button-styled links.
import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

const styles: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300",
  secondary:
    "bg-white text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  danger:
    "bg-white text-red-700 ring-1 ring-inset ring-red-300 hover:bg-red-50 disabled:text-red-300",
  ghost: "text-slate-700 hover:bg-slate-100",
};

export function buttonClass(variant: Variant = "primary", extra = ""): string {
  const shadow = variant === "ghost" ? "" : "shadow-sm";
  return `inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium ${shadow} transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 disabled:cursor-not-allowed ${styles[variant]} ${extra}`;
}

/**
 * The focus ring of one segment of a segmented control, drawn inside it (the group clips): white
 * on the selected, indigo-filled segment, where an indigo ring would vanish, indigo elsewhere.
 */
export function segmentFocusClass(selected: boolean): string {
  return `focus-visible:outline-2 focus-visible:-outline-offset-2 ${selected ? "focus-visible:outline-white" : "focus-visible:outline-indigo-500"}`;
}

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={buttonClass(variant, className)} {...props} />;
}

export function ButtonLink({
  variant = "primary",
  className = "",
  ...props
}: ComponentProps<typeof Link> & { variant?: Variant }) {
  return <Link className={buttonClass(variant, className)} {...props} />;
}
