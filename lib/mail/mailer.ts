// Outgoing email over SMTP (nodemailer), when QUIVER_SMTP_URL is set. Sending never throws to the
// caller: it answers whether the message was handed to the server, or why not in plain words (the
// server's own reply is not echoed: it may name internal hosts or accounts). Every step of the
// conversation is bounded, so a silent server costs about ten seconds, not a hung request.
import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type SendResult = { sent: true } | { sent: false; error: string };

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** How long one send may take in all (connection, greeting, each command). */
const MAIL_TIMEOUT_MS = 10_000;

export function mailConfigured(): boolean {
  return !!env().QUIVER_SMTP_URL;
}

/** QUIVER_MAIL_FROM, else no-reply at the app's public host name. */
function mailFrom(): string {
  const e = env();
  if (e.QUIVER_MAIL_FROM) return e.QUIVER_MAIL_FROM;
  const host = e.NEXTAUTH_URL ? new URL(e.NEXTAUTH_URL).hostname : "localhost";
  return `Quiver <no-reply@${host}>`;
}

function serverName(url: string): string {
  try {
    const u = new URL(url);
    return u.port ? `${u.hostname}:${u.port}` : u.hostname;
  } catch {
    return "the mail server";
  }
}

/** A failure of nodemailer in words a person can act on. */
function describeMailError(err: unknown, server: string, timeoutMs = MAIL_TIMEOUT_MS): string {
  const e = err as {
    code?: string;
    syscall?: string;
    message?: string;
    responseCode?: number;
    command?: string;
  } | null;
  // A failed connect arrives as ESOCKET with the system's reason in the message.
  const sys = /\b(ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ECONNRESET)\b/.exec(
    e?.message ?? "",
  )?.[1];
  const code = sys ?? e?.code ?? "";
  const command = (e?.command ?? "").toUpperCase();
  if (code === "ECONNREFUSED")
    return `The mail server ${server} refused the connection (nothing listens there?)`;
  if (code === "ETIMEDOUT" || code === "ETIMEOUT" || code === "TIMEOUT")
    return `The mail server ${server} did not answer within ${Math.round(timeoutMs / 100) / 10} seconds`;
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH")
    return `The mail server ${server} cannot be reached from here`;
  if (code === "ECONNRESET") return `The mail server ${server} closed the connection`;
  if (code === "EDNS" || code === "ENOTFOUND")
    return `The mail server's host name could not be resolved (${server})`;
  if (code === "EAUTH" || code === "ENOAUTH")
    return `The mail server ${server} refused the user name or password of QUIVER_SMTP_URL`;
  if (code === "ETLS") return `A secure (TLS) connection to the mail server ${server} failed`;
  if (code === "EENVELOPE" || command.startsWith("RCPT"))
    return "The mail server refused the recipient address";
  if (command.startsWith("MAIL"))
    return "The mail server refused the sender address (QUIVER_MAIL_FROM)";
  if (code === "ECONNECTION" || code === "ESOCKET")
    return `The connection to the mail server ${server} failed`;
  if (e?.responseCode)
    return `The mail server ${server} refused the message (SMTP ${e.responseCode})`;
  return `Sending through the mail server ${server} failed`;
}

/**
 * Sends one message; `{sent: false, error}` when SMTP is not configured or the server refuses.
 * `timeoutMs` bounds each step and the whole (tests shorten it).
 */
export async function sendMail(
  message: MailMessage,
  { timeoutMs = MAIL_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<SendResult> {
  const url = env().QUIVER_SMTP_URL;
  if (!url) return { sent: false, error: "Email is not configured (QUIVER_SMTP_URL)" };
  const server = serverName(url);
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    transport = nodemailer.createTransport(url, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error("timeout"), { code: "TIMEOUT" })),
        timeoutMs,
      );
    });
    await Promise.race([transport.sendMail({ from: mailFrom(), ...message }), timeout]);
    return { sent: true };
  } catch (err) {
    return { sent: false, error: describeMailError(err, server, timeoutMs) };
  } finally {
    clearTimeout(timer);
    transport?.close();
  }
}
