// An email address as the newsletters keep it: trimmed and lower-cased, so one address is one subscriber
// however it was typed, and checked before anything is stored or mailed.
import { z } from 'zod';

const address = z.email().max(254);

export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

export function isAddress(email: string): boolean {
  return address.safeParse(email).success;
}
