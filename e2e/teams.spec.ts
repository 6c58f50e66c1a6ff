// Teams in a real browser: an admin invites a teammate from Settings → Members and copies the
// link from the dialog; the teammate, signed out in a browser of their own, signs up through it and
// lands in the org with the invited role; the admin changes their role (the teammate's next page
// shows the new role's controls) and removes them (their open session loses the org on its next
// request). Also: a new link ends the old one, revoking, accepting as an existing account, another
// account's browser, creating an org from the switcher, and Settings → Account. Every test uses
// accounts of its own, never the demo org.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { signedOut, submitSignIn, uniqueEmail, waitForHydration } from "./helpers";

test.use({ storageState: signedOut });

const password = "teams-passphrase";

/** A new account through the API: its own org, where it is the only owner. */
async function newAccount(baseURL: string, label: string, name: string) {
  const email = uniqueEmail(label);
  const res = await fetch(`${baseURL}/api/v1/auth/sign-up`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password, name }),
  });
  expect(res.status).toBe(201);
  const org = ((await res.json()) as { org: { slug: string; name: string } }).org;
  return { email, name, slug: org.slug, orgName: org.name };
}

async function signedInPage(browser: Browser, email: string) {
  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/[a-z0-9-]+\/catalog$/);
  return page;
}

async function openMembers(page: Page, slug: string) {
  await page.goto(`/${slug}/settings/members`);
  await expect(page.getByRole("link", { name: "Members" })).toHaveAttribute("aria-current", "page");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await waitForHydration(page, "main button");
}

/** Invites `emails` (one text box) as `role`; resolves with the dialog still showing the outcome. */
async function invite(page: Page, emails: string[], role: string) {
  await page.getByRole("button", { name: "Invite people" }).first().click();
  const dialog = page.getByRole("dialog", { name: /^Invite people to / });
  await dialog.getByLabel("Email addresses").fill(emails.join(",\n"));
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Invite", exact: true }).click();
  return page.getByRole("dialog");
}

test("invite, sign up through the link, change the role, remove: the removed session loses the org at once", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const admin = await newAccount(baseURL!, "team-admin", "Ada Admin");
  const teammate = { email: uniqueEmail("teammate"), name: "Tess Teammate" };
  const page = await signedInPage(browser, admin.email);

  // The only owner: cannot leave or step down, and the page says why.
  await openMembers(page, admin.slug);
  const self = page.getByTestId(`member-${admin.email}`);
  await expect(self).toContainText("Ada Admin");
  await expect(self).toContainText("(you)");
  await expect(self.getByRole("button", { name: "Leave organization" })).toBeDisabled();
  await expect(self).toContainText("The last owner can't leave.");
  await expect(self).toContainText("The last owner can't be demoted.");
  await expect(page.getByRole("heading", { name: "No pending invitations" })).toBeVisible();

  // Invite the teammate, and two that are refused (not an email; already a member): each says why.
  const outcome = await invite(page, [teammate.email, "not-an-email", admin.email], "viewer");
  await expect(outcome).toHaveAccessibleName(/^Invited 1 person to /);
  await expect(outcome.getByTestId("invite-error-not-an-email")).toBeVisible();
  await expect(outcome.getByTestId(`invite-error-${admin.email}`)).toContainText(
    /already a member/i,
  );
  const link = await outcome
    .getByRole("textbox", { name: `Invitation link for ${teammate.email}`, exact: true })
    .inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{40,}$`));
  await outcome.getByRole("button", { name: "Done" }).click();
  const pending = page.getByTestId(`invitation-${teammate.email}`);
  await expect(pending).toContainText("viewer");
  await expect(pending).toContainText("Ada Admin");

  // The teammate, in a signed-out browser of their own, follows the link and creates the account.
  const mate = await (await browser.newContext({ storageState: signedOut })).newPage();
  await mate.goto(link);
  await expect(
    mate.getByRole("heading", { name: `Join ${admin.orgName} on Quiver` }),
  ).toBeVisible();
  await expect(
    mate.getByText(`Ada Admin invited ${teammate.email} to join ${admin.orgName} as a viewer.`),
  ).toBeVisible();
  await mate.getByRole("link", { name: "Create account" }).click();
  await expect(mate).toHaveURL(/\/sign-up\?invitation=/);
  await waitForHydration(mate);
  await expect(mate.getByLabel("Email")).toHaveValue(teammate.email);
  await expect(mate.getByLabel("Email")).toHaveAttribute("readonly", "");
  await mate.getByLabel("Name (optional)").fill(teammate.name);
  await mate.getByLabel("Password").fill(password);
  await mate.getByRole("button", { name: "Create account and join" }).click();
  await expect(mate).toHaveURL(`/${admin.slug}/catalog`);
  await expect(mate.getByLabel("Organization")).toHaveValue(admin.slug);
  // Joined the inviting org only: no personal org was made.
  await expect(mate.getByLabel("Organization").locator("option")).toHaveCount(1);
  await expect(mate.locator("aside").first()).toContainText(`${teammate.email} · viewer`);

  // As a viewer: the list, without the controls.
  await openMembers(mate, admin.slug);
  await expect(mate.getByTestId(`member-${admin.email}`)).toBeVisible();
  await expect(mate.getByRole("button", { name: "Invite people" })).toHaveCount(0);
  await expect(mate.getByRole("combobox", { name: /^Role of / })).toHaveCount(0);
  await expect(mate.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);
  await expect(
    mate.getByText("You are a viewer: ask an admin or owner to change roles or invite people."),
  ).toBeVisible();

  // The admin sees them joined (the invitation is gone), picks a role: nothing changes until Save.
  await openMembers(page, admin.slug);
  await expect(page.getByTestId(`invitation-${teammate.email}`)).toHaveCount(0);
  const row = page.getByTestId(`member-${teammate.email}`);
  const roleSelect = row.getByRole("combobox", { name: `Role of ${teammate.name}` });
  await expect(roleSelect).toHaveValue("viewer");
  await roleSelect.selectOption("member");
  await expect(row.getByRole("button", { name: `Save role of ${teammate.name}` })).toBeVisible();
  await openMembers(page, admin.slug);
  await expect(row.getByRole("combobox", { name: `Role of ${teammate.name}` })).toHaveValue(
    "viewer",
  );
  await row.getByRole("combobox", { name: `Role of ${teammate.name}` }).selectOption("admin");
  await row.getByRole("button", { name: `Save role of ${teammate.name}` }).click();
  await expect(row.getByRole("button", { name: `Save role of ${teammate.name}` })).toHaveCount(0);
  await expect(row.getByRole("combobox", { name: `Role of ${teammate.name}` })).toHaveValue(
    "admin",
  );

  // The teammate's next page shows an admin's controls.
  await openMembers(mate, admin.slug);
  await expect(mate.getByRole("button", { name: "Invite people" }).first()).toBeVisible();
  await expect(mate.locator("aside").first()).toContainText(`${teammate.email} · admin`);
  // An admin may not touch an owner, and is told so.
  const ownerRow = mate.getByTestId(`member-${admin.email}`);
  await expect(ownerRow.getByRole("combobox")).toHaveCount(0);
  await expect(ownerRow).toContainText("Only owners can change an owner's role.");
  await expect(ownerRow).toContainText("Only owners can remove an owner.");

  // Remove them: the dialog says what happens; the row goes.
  await row.getByRole("button", { name: `Remove ${teammate.name}` }).click();
  const confirm = page.getByRole("dialog", {
    name: `Remove ${teammate.name} from ${admin.orgName}?`,
  });
  await expect(confirm).toContainText(
    `${teammate.name} (${teammate.email}) loses access to ${admin.orgName} at once; their API tokens for ${admin.orgName} are revoked; what they created stays.`,
  );
  await confirm.getByRole("button", { name: `Remove ${teammate.name}` }).click();
  await expect(page.getByRole("status")).toContainText(
    `${teammate.name} (${teammate.email}) was removed from ${admin.orgName}`,
  );
  await expect(row).toHaveCount(0);

  // The teammate's open session loses the org on its next request: the API and the pages.
  expect((await mate.request.get(`/api/v1/org/${admin.slug}/members`)).status()).toBe(404);
  await mate.goto(`/${admin.slug}/catalog`);
  await expect(
    mate.getByRole("heading", { name: "This page does not exist, or you cannot see it" }),
  ).toBeVisible();
  // In no org now (they joined through the invitation, with no personal org): the front door is
  // the welcome page, which offers to create one (no loop between / and /sign-in).
  await mate.goto("/");
  await expect(mate).toHaveURL(/\/welcome$/);
  await expect(mate.getByRole("heading", { name: "You are not in an organization" })).toBeVisible();
  await expect(mate.getByRole("button", { name: "Create organization" })).toBeVisible();

  // Invited again, the existing account accepts from its signed-in browser and is back in.
  await openMembers(page, admin.slug);
  const again = await invite(page, [teammate.email], "member");
  const link2 = await again
    .getByRole("textbox", { name: `Invitation link for ${teammate.email}`, exact: true })
    .inputValue();
  await again.getByRole("button", { name: "Done" }).click();
  // Opened in the admin's browser (another account): said so, with a way to switch.
  await page.goto(link2);
  await expect(page.getByRole("status")).toContainText(
    `You are signed in as ${admin.email}, but this invitation is for ${teammate.email}.`,
  );
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await mate.goto(link2);
  await waitForHydration(mate, "main button");
  await mate.getByRole("button", { name: `Accept and join ${admin.orgName}` }).click();
  await expect(mate).toHaveURL(`/${admin.slug}/catalog`);
  await expect(mate.locator("aside").first()).toContainText(`${teammate.email} · member`);
  // The used link says so.
  await mate.goto(link2);
  await expect(
    mate.getByRole("heading", { name: "This invitation has already been used" }),
  ).toBeVisible();
  await mate.context().close();
  await page.context().close();
});

test("a new link ends the old one; revoking ends the invitation", async ({ browser, baseURL }) => {
  const admin = await newAccount(baseURL!, "links-admin", "Lin Links");
  const invitee = uniqueEmail("invitee");
  const page = await signedInPage(browser, admin.email);
  await openMembers(page, admin.slug);
  const outcome = await invite(page, [invitee], "member");
  const first = await outcome
    .getByRole("textbox", { name: `Invitation link for ${invitee}`, exact: true })
    .inputValue();
  await outcome.getByRole("button", { name: "Done" }).click();

  const row = page.getByTestId(`invitation-${invitee}`);
  await row.getByRole("button", { name: `Copy new link for ${invitee}` }).click();
  const fresh = page.getByTestId("new-invite-link");
  await expect(fresh).toContainText("The previous link stopped working.");
  const second = await fresh
    .getByRole("textbox", { name: `Invitation link for ${invitee}`, exact: true })
    .inputValue();
  expect(second).not.toBe(first);

  const visitor = await (await browser.newContext({ storageState: signedOut })).newPage();
  await visitor.goto(first);
  await expect(
    visitor.getByRole("heading", { name: "This invitation link does not work" }),
  ).toBeVisible();
  await visitor.goto(second);
  await expect(
    visitor.getByRole("heading", { name: `Join ${admin.orgName} on Quiver` }),
  ).toBeVisible();

  await row.getByRole("button", { name: `Revoke invitation for ${invitee}` }).click();
  const confirm = page.getByRole("dialog", { name: `Revoke the invitation for ${invitee}?` });
  await confirm.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(row).toHaveCount(0);
  await visitor.goto(second);
  await expect(
    visitor.getByRole("heading", { name: "This invitation was withdrawn" }),
  ).toBeVisible();
  await expect(visitor.getByText("Lin Links or another admin")).toBeVisible();
  // A link that never existed.
  await visitor.goto("/invite/not-a-real-invitation-secret");
  await expect(
    visitor.getByRole("heading", { name: "This invitation link does not work" }),
  ).toBeVisible();
  await visitor.context().close();
  await page.context().close();
});

test("create an organization from the switcher; Settings → Account: name, and sign out everywhere", async ({
  browser,
  baseURL,
}) => {
  const account = await newAccount(baseURL!, "org-maker", "Omar Maker");
  const page = await signedInPage(browser, account.email);
  const other = await signedInPage(browser, account.email);
  await waitForHydration(page, "aside button");
  await page.getByRole("button", { name: "+ Create organization" }).click();
  const dialog = page.getByRole("dialog", { name: "Create organization" });
  const suffix = Date.now().toString(36);
  const name = `Robotics & Co ${suffix}`;
  const slug = `robotics-co-${suffix}`;
  // The slug follows the name until edited.
  await dialog.getByLabel("Name").fill(name);
  await expect(dialog.getByLabel("Slug")).toHaveValue(slug);
  await dialog.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(`/${slug}/catalog`);
  await expect(page.getByLabel("Organization")).toHaveValue(slug);
  await expect(page.locator("aside").first()).toContainText(`${account.email} · owner`);
  // The same slug again: refused, said at the field.
  await page.getByRole("button", { name: "+ Create organization" }).click();
  await page.getByRole("dialog").getByLabel("Name").fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByRole("dialog")).toContainText(/already exists/);
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await page.goto(`/${slug}/settings/account`);
  await waitForHydration(page, "form[aria-label='Profile']");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Omar the Maker");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toHaveText("Name saved.");
  await expect(page.locator("aside").first()).toContainText("Omar the Maker");
  await expect(page.getByText("Your other browser sessions are signed out")).toBeVisible();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await page
    .getByRole("dialog", { name: "Sign out everywhere?" })
    .getByRole("button", { name: "Sign out everywhere" })
    .click();
  await expect(page).toHaveURL(/\/sign-in/);
  // The other browser is signed out too.
  await other.goto(`/${account.slug}/catalog`);
  await expect(other).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.context().close();
  await other.context().close();
});
