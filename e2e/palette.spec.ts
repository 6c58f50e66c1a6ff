// Moving around by keyboard: `/` focuses the page's search, `?` lists the shortcuts, `g r` goes
// to the runtimes, and the command palette (Ctrl-K or the shell's search button) finds a demo
// capability and runs an action, each chosen with Enter. Runs on the demo data.
import { expect, test } from "@playwright/test";
import { waitForHydration } from "./helpers";

test("shortcuts and the command palette", async ({ page }) => {
  await page.goto("/acme/catalog");
  await waitForHydration(page, "input[type=search]");
  await waitForHydration(page, "button[aria-keyshortcuts]");

  // `/` focuses the catalog's search; typed there, `?` is text, not a shortcut.
  await page.keyboard.press("/");
  const catalogSearch = page.getByLabel("Search capabilities");
  await expect(catalogSearch).toBeFocused();
  await page.keyboard.type("?");
  await expect(catalogSearch).toHaveValue("?");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await catalogSearch.fill("");
  await catalogSearch.blur();

  // `?` lists the shortcuts; Escape closes the list.
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("g then r");
  await expect(help).toContainText("Go to Runtimes");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // `g` then `r`: the runtimes of the current workspace.
  await page.keyboard.press("g");
  await page.keyboard.press("r");
  await expect(page).toHaveURL(/\/acme\/main\/runtimes$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Runtimes");

  // The shell's button opens the palette; Escape gives focus back to the button.
  const button = page.getByRole("button", { name: /^Search/ });
  await button.click();
  const palette = page.getByRole("dialog", { name: "Search and commands" });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole("combobox")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  await expect(button).toBeFocused();

  // Ctrl-K, a demo capability's name, Enter: its page.
  await page.keyboard.press("Control+k");
  await expect(palette).toBeVisible();
  await page.keyboard.type("pr-rev");
  const option = palette.getByRole("option", { name: /pr-reviewer/ });
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expect(palette.getByRole("group", { name: "Capabilities" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/acme\/catalog\/pr-reviewer$/);
  await expect(palette).toBeHidden();

  // An action: "Create API token" goes to the tokens page.
  await page.keyboard.press("Control+k");
  await page.keyboard.type("create api token");
  await expect(palette.getByRole("option", { name: "Create API token" })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/acme\/settings\/tokens$/);
});
