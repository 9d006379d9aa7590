// Keeps "3 hours ago" labels true while a page stays open; the exact time stays in the title.
const UNITS = [
  ["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60],
];
const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** Describe a date relative to now, in the same words the server uses. */
export function describe(date, now = Date.now()) {
  const seconds = Math.round((now - date.getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds >= 2592000) return dateFormat.format(date);
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return "just now";
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
