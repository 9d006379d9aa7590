// Keeps the navigation's unread notification count current without reloading the page.
const INTERVAL_MS = 60000;

async function refresh(link, badge) {
  if (document.visibilityState !== "visible") return;
  try {
    const response = await fetch(link.dataset.countUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) return;
    const { count } = await response.json();
    badge.textContent = count;
    badge.hidden = count === 0;
  } catch {
    // Offline for a moment: the next tick tries again.
  }
}

const link = document.querySelector("[data-notifications]");
const badge = link?.querySelector("[data-notification-count]");
if (badge) {
  setInterval(() => refresh(link, badge), INTERVAL_MS);
  document.addEventListener("visibilitychange", () => refresh(link, badge));
}
