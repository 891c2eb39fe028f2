import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** True when this module is the process entry, also through a bin symlink (npx gatehouse). */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
