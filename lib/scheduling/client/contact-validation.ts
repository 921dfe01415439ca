import "client-only";
import { keyForIssue } from "@/lib/shared/errors/zod-issues";
import { contactSchema } from "@/lib/shared/schemas/application";
import type { PhoneProblem } from "./phone";

export type ContactIssue =
  | { field: "phone"; source: "phone"; key: PhoneProblem; country: string }
  | { field: string; source: "issues"; key: string; values?: Record<string, string | number> };

/**
 * The contact step's check on the device. The phone is read as typed (any digits, Mexico assumed)
 * and saved in E.164, which is what the server's schema requires; each problem comes back as a
 * field id and a message key, precise for the phone ("too short", "not a number").
 */
export async function validateContact(contact: { phone: string; email: string }): Promise<{ issues: ContactIssue[]; contact: { phone: string; email: string } }> {
  const issues: ContactIssue[] = [];
  let phone = contact.phone.trim();
  if (phone) {
    // The phone metadata loads only for someone who gave a number.
    const { readPhone } = await import("./phone");
    const reading = readPhone(phone);
    if (reading.ok) phone = reading.e164;
    else issues.push({ field: "phone", source: "phone", key: reading.problem, country: reading.country });
  }
  const email = contact.email.trim();
  const result = contactSchema.safeParse({ phone: issues.length ? "" : phone, email }, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) issues.push({ field: String(issue.path[0]), source: "issues", ...keyForIssue(issue) });
  }
  return { issues, contact: { phone, email } };
}
