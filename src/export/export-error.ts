// The one error an export or an archive import stops with: a sentence for the person running it (with the
// file and line when a line is at fault), printed as one line, never with a stack.
export class ExportError extends Error {
  override name = 'ExportError';
}
