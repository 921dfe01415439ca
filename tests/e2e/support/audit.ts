import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const NARROW = 320;
const TARGET = 44;

/**
 * What one screen is checked for, as it is when the call is made: axe's WCAG 2.2 A/AA rules; no
 * sideways scrolling on a 320 px wide screen (WCAG 1.4.10 reflow); and every control in <main>
 * at least 44×44 px (WCAG 2.5.5, stricter than the 24 px of 2.5.8). Failures are soft, so one
 * run lists every problem of every screen.
 */
export async function auditScreen(page: Page, screen: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect
    .soft(
      violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      `${screen}: axe violations`,
    )
    .toEqual([]);

  const size = page.viewportSize()!;
  await page.setViewportSize({ width: NARROW, height: size.height });
  try {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(width, `${screen}: page width at ${NARROW} px`).toBeLessThanOrEqual(NARROW);
    const { small, inline } = await smallTargets(page);
    expect.soft(small, `${screen}: controls smaller than ${TARGET}×${TARGET} px`).toEqual([]);
    // Listed in the report, so every exception taken stays visible.
    for (const link of inline) test.info().annotations.push({ type: "inline link (WCAG 2.5.8 exception)", description: `${screen}: ${link}` });
  } finally {
    await page.setViewportSize(size);
  }
}

/**
 * Controls in <main> whose target is under 44×44 px. A checkbox, radio or file input counts with
 * the label that wraps it (pressing the label is pressing the control). The one exception taken is
 * WCAG 2.5.8's inline exception: a link inside a sentence, sized by the line of text around it.
 */
function smallTargets(page: Page): Promise<{ small: string[]; inline: string[] }> {
  return page.evaluate((minimum) => {
    const controls = document.querySelectorAll<HTMLElement>(
      "main a[href], main button, main input:not([type=hidden]), main select, main textarea, main [role=button]",
    );
    const small: string[] = [];
    const inline: string[] = [];
    for (const control of controls) {
      const style = getComputedStyle(control);
      if (style.visibility === "hidden" || control.getClientRects().length === 0) continue;
      const label = control instanceof HTMLInputElement ? control.closest("label") : null;
      const target = (label ?? control).getBoundingClientRect();
      if (target.width === 0 && target.height === 0) continue;
      if (target.width >= minimum - 0.5 && target.height >= minimum - 0.5) continue;
      const inSentence =
        control.tagName === "A" &&
        style.display === "inline" &&
        (control.parentElement?.textContent?.trim().length ?? 0) > (control.textContent?.trim().length ?? 0);
      const name = (control.getAttribute("aria-label") ?? control.textContent ?? control.id).trim().slice(0, 40);
      const found = `<${control.tagName.toLowerCase()}${control.id ? `#${control.id}` : ""}> "${name}" ${Math.round(target.width)}×${Math.round(target.height)}`;
      (inSentence ? inline : small).push(found);
    }
    return { small, inline };
  }, TARGET);
}
