// Invitation emails through a real SMTP server started here (smtp-server on loopback): what the
// invitee receives, and failures (a refused recipient, nothing listening, a server that never
// answers) that are recorded on the invitation without failing it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { resetEnvCache } from "@/lib/env";
import { createUser } from "@/lib/users/service";
import { call, expectBody, sessionCookie, uid } from "@/lib/testing/api";
import { closedPort, silentServer, startSmtpServer } from "@/lib/testing/smtp";
import { sendInvitationEmail } from "@/lib/mail/invitation-email";
import * as listRoute from "@/app/api/v1/org/[org]/invitations/route";
import * as resendRoute from "@/app/api/v1/org/[org]/invitations/[id]/resend/route";
import { invitationListResponse, invitationWithLink } from "./schemas";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let org: { slug: string; name: string };
let inviterName: string;
let cookie: string;

function useSmtp(url: string) {
  vi.stubEnv("QUIVER_SMTP_URL", url);
  vi.stubEnv("QUIVER_MAIL_FROM", "Quiver Test <quiver@test.quiver>");
  resetEnvCache();
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  useSmtp(smtp.url);
  const id = uid();
  inviterName = `Eve "<i>" ${id}`;
  const made = await createUser(db(), {
    email: `mail-owner-${id}@test.quiver`,
    password: "password-123",
    name: inviterName,
    org: { slug: `mail-${id}`, name: `Acme <b>&</b> ${id}` },
  });
  org = { slug: made.org.slug, name: made.org.name };
  cookie = await sessionCookie(made.user.id);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  resetEnvCache();
  await smtp.close();
});

const invite = async (email: string, role = "member") =>
  expectBody(
    await call(listRoute.POST, {
      method: "POST",
      path: `/api/v1/org/${org.slug}/invitations`,
      params: { org: org.slug },
      cookie,
      body: { email, role },
    }),
    201,
    invitationWithLink,
  );
const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

describe("invitation emails", () => {
  it("sends the invitation to the invitee with the link, and records when", async () => {
    const email = `mail-${uid()}@test.quiver`;
    const before = Date.now();
    const res = await invite(email, "admin");
    expect(res.invitation.email_error).toBeNull();
    expect(new Date(res.invitation.email_sent_at!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [mail, ...more] = mailsTo(email);
    expect(more).toEqual([]);
    expect(mail!.to).toEqual([email]);
    expect(mail!.from).toBe("quiver@test.quiver");
    expect(mail!.headers.from).toBe("Quiver Test <quiver@test.quiver>");
    expect(mail!.subject).toBe(`${inviterName} invited you to join ${org.name} on Quiver`);
    expect(mail!.text).toContain(res.accept_url);
    expect(mail!.text).toContain("as an admin");
    // Names people typed are escaped in the HTML; the link is there too.
    expect(mail!.html).toContain(`href="${res.accept_url}"`);
    expect(mail!.html).toContain("Acme &lt;b&gt;&amp;&lt;/b&gt;");
    expect(mail!.html).toContain("Eve &quot;&lt;i&gt;&quot;");
    expect(mail!.html).not.toContain("<b>&</b>");
    expect(mail!.html).not.toContain("<i>");
  });

  it("sends the new link again on resend; the old email's link is dead", async () => {
    const email = `resend-${uid()}@test.quiver`;
    const first = await invite(email);
    const again = expectBody(
      await call(resendRoute.POST, {
        method: "POST",
        params: { org: org.slug, id: first.invitation.id },
        cookie,
      }),
      200,
      invitationWithLink,
    );
    const mails = mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain(first.accept_url);
    expect(mails[1]!.text).toContain(again.accept_url);
    expect(again.accept_url).not.toBe(first.accept_url);
    expect(again.invitation.email_sent_at).not.toBeNull();
  });

  it("still creates the invitation when the server refuses the recipient, and says why", async () => {
    const email = `refuse-${uid()}@test.quiver`;
    const res = await invite(email);
    expect(res.invitation).toMatchObject({
      status: "pending",
      email_sent_at: null,
      email_error: "The mail server refused the recipient address",
    });
    expect(res.accept_url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(mailsTo(email)).toEqual([]);
    const listed = invitationListResponse.parse(
      (await call(listRoute.GET, { params: { org: org.slug }, cookie })).json,
    );
    expect(listed.items.find((i) => i.id === res.invitation.id)).toMatchObject({
      email_error: "The mail server refused the recipient address",
      email_sent_at: null,
    });
    // No word of the server's own reply reaches the API.
    expect(JSON.stringify(listed)).not.toContain("No such mailbox");
  });

  it("records a server where nothing listens, and the invitation stands", async () => {
    const port = await closedPort();
    useSmtp(`smtp://127.0.0.1:${port}`);
    try {
      const res = await invite(`nobody-${uid()}@test.quiver`);
      expect(res.invitation.email_sent_at).toBeNull();
      expect(res.invitation.email_error).toBe(
        `The mail server 127.0.0.1:${port} refused the connection (nothing listens there?)`,
      );
      expect(
        await db().invitation.count({ where: { id: res.invitation.id, revokedAt: null } }),
      ).toBe(1);
    } finally {
      useSmtp(smtp.url);
    }
  });

  it("gives up on a server that never answers, within the timeout, without throwing", async () => {
    const silent = await silentServer();
    useSmtp(`smtp://127.0.0.1:${silent.port}`);
    try {
      const started = Date.now();
      const result = await sendInvitationEmail(
        {
          to: "x@test.quiver",
          orgName: "O",
          inviterName: "I",
          role: "viewer",
          acceptUrl: "http://localhost/invite/x",
          expiresAt: new Date(),
        },
        { timeoutMs: 500 },
      );
      expect(result).toEqual({
        sent: false,
        error: `The mail server 127.0.0.1:${silent.port} did not answer within 0.5 seconds`,
      });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      useSmtp(smtp.url);
      await silent.close();
    }
  });

  it("sends from no-reply at the app's host when QUIVER_MAIL_FROM is not set", async () => {
    vi.stubEnv("QUIVER_MAIL_FROM", "");
    vi.stubEnv("NEXTAUTH_URL", "https://quiver.example.com");
    resetEnvCache();
    try {
      const email = `from-${uid()}@test.quiver`;
      const res = await invite(email);
      expect(res.invitation.email_error).toBeNull();
      expect(mailsTo(email)[0]!.headers.from).toBe("Quiver <no-reply@quiver.example.com>");
      expect(mailsTo(email)[0]!.text).toContain("https://quiver.example.com/invite/");
    } finally {
      vi.unstubAllEnvs();
      useSmtp(smtp.url);
    }
  });

  it("sends nothing and records nothing when SMTP is not configured", async () => {
    vi.stubEnv("QUIVER_SMTP_URL", "");
    resetEnvCache();
    try {
      const email = `nosmtp-${uid()}@test.quiver`;
      const res = await invite(email);
      expect(res.invitation).toMatchObject({ email_sent_at: null, email_error: null });
      expect(mailsTo(email)).toEqual([]);
    } finally {
      useSmtp(smtp.url);
    }
  });
});
