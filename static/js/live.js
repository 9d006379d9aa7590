// Notices replies posted since the page loaded and shows them in place on request.
import { refreshTimes } from "./time.js";

const INTERVAL_MS = 30000;
const MAX_CHECKS = 240; // stop after two hours of an idle open tab

export function watchNewReplies() {
  const section = document.querySelector("[data-since-url]");
  if (!section) return;
  const container = section.querySelector("[data-new-replies]");
  const base = section.dataset.sinceUrl.replace(/\/0$/, "/");
  let lastId = Number(section.dataset.lastId);
  let pending = null;
  let checks = 0;

  const bar = document.createElement("button");
  bar.type = "button";
  bar.className = "new-replies-bar";
  const list = document.createElement("ol");
  list.className = "replies new-list";
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  container.append(status, bar, list);
  bar.hidden = true;

  async function check() {
    if (document.hidden || checks++ > MAX_CHECKS) return;
    try {
      const response = await fetch(base + lastId, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      if (data.count > 0) {
        pending = data;
        container.hidden = false;
        bar.hidden = false;
        bar.textContent = `${data.count} new ${data.count === 1 ? "reply" : "replies"}: show`;
        status.textContent = `${data.count} new ${data.count === 1 ? "reply" : "replies"}`;
      }
    } catch {
      /* offline for a moment: try again at the next tick */
    }
  }

  bar.addEventListener("click", () => {
    if (!pending) return;
    const firstNew = list.children.length;
    list.insertAdjacentHTML("beforeend", pending.html);
    lastId = pending.last_id;
    pending = null;
    bar.hidden = true;
    status.textContent = "";
    refreshTimes(list);
    list.children[firstNew]?.querySelector("article")?.focus();
  });

  setInterval(check, INTERVAL_MS);
  section.addEventListener("forum:check-replies", check);
}
