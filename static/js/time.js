// Keeps "3 hours ago" labels true while a page stays open; the exact time stays in the title.
import { formatLocale, t } from "./i18n.js";

const UNITS = [["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60]];
const format = new Intl.RelativeTimeFormat(formatLocale());
const dateFormat = new Intl.DateTimeFormat(formatLocale(), { day: "numeric", month: "short", year: "numeric" });

/** Describe a date relative to now, in the same words the server uses (forum/i18n.py). */
export function describe(date, now = Date.now()) {
  const seconds = Math.round((now - date.getTime()) / 1000);
  if (seconds < 45) return t("justNow");
  if (seconds >= 2592000) return dateFormat.format(date);
  const [unit, size] = UNITS.find(([, size]) => seconds >= size) || UNITS[3];
  return format.format(-Math.max(1, Math.round(seconds / size)), unit);
}

/** Refresh every <time datetime> under a root. */
export function refreshTimes(root = document) {
  for (const element of root.querySelectorAll("time[datetime]")) {
    const date = new Date(element.getAttribute("datetime"));
    if (!Number.isNaN(date.getTime())) element.textContent = describe(date);
  }
}

export function startRelativeTimes() {
  refreshTimes();
  setInterval(refreshTimes, 60000);
}
