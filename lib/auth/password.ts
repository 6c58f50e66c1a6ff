// Password hashing with bcrypt (cost 10): pure JavaScript, so nothing native to build.
import bcrypt from "bcryptjs";

const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when no user matches, so a wrong email costs as long as a wrong password. */
export const DUMMY_HASH = "$2b$10$G3db8SVKSR/rpZL1o07ew.UzL/D1MLcB29WrnGiWZqDSpMY1B6kaC";
