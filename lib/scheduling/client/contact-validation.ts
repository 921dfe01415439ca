import "client-only";
import { keyForIssue } from "@/lib/shared/errors/zod-issues";
import { contactSchema } from "@/lib/shared/schemas/application";

/** The server's contact rules on the device: each problem as a field id and a message key. */
export function validateContact(contact: { phone: string; email: string }) {
  const result = contactSchema.safeParse(contact, { reportInput: true });
  return result.success ? [] : result.error.issues.map((issue) => ({ field: String(issue.path[0]), ...keyForIssue(issue) }));
}
