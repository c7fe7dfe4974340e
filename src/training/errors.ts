/** The message of any thrown value, for the status lines and events that report a failure. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
