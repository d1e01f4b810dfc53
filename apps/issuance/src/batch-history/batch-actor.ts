import { userInfo } from 'node:os';

/**
 * Who made a batch transition, as the audit trail records it: `key:<key id>` for the API (the key's id,
 * never its secret), `cli:<os user>` for an operator's command. The prefix keeps the two apart, so an
 * auditor knows whether to look the actor up among the API keys or among the operators' accounts.
 */
export type BatchActor = `key:${string}` | `cli:${string}`;

export function apiKeyActor(keyId: string): BatchActor {
  return `key:${keyId}`;
}

/** The operating-system user running the CLI; a container without a passwd entry falls back to $USER. */
export function cliActor(): BatchActor {
  let user: string | undefined;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws when the uid has no passwd entry (common in containers); $USER may still name it.
    user = process.env.USER;
  }
  return `cli:${user || `uid-${process.getuid?.() ?? 'unknown'}`}`;
}
