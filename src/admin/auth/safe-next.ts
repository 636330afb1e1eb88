// Where sign-in sends a person afterwards: back to the newsroom page they asked for, and never elsewhere.

/** Only a path inside the newsroom may be a "next" after sign-in: never another site. */
export function safeNext(next: unknown): string {
  if (
    typeof next !== 'string' ||
    !next.startsWith('/admin') ||
    next.startsWith('//') ||
    /[\\\r\n]/.test(next)
  ) {
    return '/admin';
  }
  return next;
}
