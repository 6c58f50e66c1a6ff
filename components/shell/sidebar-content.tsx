"use client";
// What the navigation holds, rendered once and shown in two places: the sidebar from the lg
// breakpoint up, the drawer below it (mobile-nav.tsx).
import { NavLinks } from "./nav-links";
import { Switchers } from "./switchers";
import { UserBlock } from "./user-block";

export function SidebarContent() {
  return (
    <>
      <Switchers />
      <NavLinks />
      <UserBlock />
    </>
  );
}
