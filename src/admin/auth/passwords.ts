// Password rules and hashing: argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), and the rules a
// new password must meet, each with a message a person can act on. The native argon2 module loads with the
// first password hashed or checked, not at start-up: a new process serves its first page sooner.
import type { Algorithm } from '@node-rs/argon2';

// The package's enum is a `const enum` (not importable as a value here); 2 is its Argon2id.
const ARGON2ID = 2 as Algorithm;

// OWASP Password Storage Cheat Sheet, argon2id minimum configuration: m=19456 KiB, t=2, p=1.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 12;
// Long passphrases are welcome; megabytes of "password" are a way to burn our CPU.
export const MAX_PASSWORD_LENGTH = 256;

/** Why this password cannot be used, or null when it can. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'must not be your email address';
  if (/^(.)\1*$/.test(password)) return 'must not be one character repeated';
  return null;
}

let argon2: Promise<typeof import('@node-rs/argon2')> | null = null;
const loadArgon2 = () => {
  argon2 ??= import('@node-rs/argon2');
  return argon2;
};

export async function hashPassword(password: string): Promise<string> {
  const { hash } = await loadArgon2();
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  // Outside the try: a module that cannot load is a broken install to report, not a wrong password.
  const { verify } = await loadArgon2();
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when no account matches takes as long as a real check, so timing does not tell.
let dummyHash: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-but-the-same-cost');
  return dummyHash;
}
