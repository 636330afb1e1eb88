// The error a wrong setting raises. Apart from config.ts (which re-exports it) so that the per-area parts of
// the settings in this folder can throw it without importing config.ts, which imports them.

export class ConfigError extends Error {
  override name = 'ConfigError';
}
