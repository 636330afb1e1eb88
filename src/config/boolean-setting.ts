// The one way a yes/no setting is written, shared by config.ts and the per-area settings beside this file.
import { z } from 'zod';

/** true/false, 1/0 or yes/no, read as a boolean. */
export const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
