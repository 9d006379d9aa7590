// Notices replies posted since the page loaded and shows them in place on request.
import { refreshTimes } from "./time.js";
import { t } from "./i18n.js";

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
        bar.textContent = t("newRepliesShow", { count: data.count });
        status.textContent = t("newReplies", { count: data.count });
      }
    } catch {
      /* offline for a moment: try again at the next tick */
    }
  }

  const maxDepth = Number(section.dataset.maxDepth);

  /** The list a new reply belongs in: under its parent when that is on this page. */
  function placeFor(item) {
    const parentId = item.dataset.parentId;
    if (!parentId) {
      let root = section.querySelector("ol.replies.root");
      if (!root) {
        root = document.createElement("ol");
        root.className = "replies root";
        section.querySelector(".empty")?.remove();
        container.after(root);
      }
      return root;
    }
    const parent = document.getElementById(`p${parentId}`);
    if (!parent || Number(parent.dataset.depth) >= maxDepth) return list;
    let children = parent.querySelector(":scope > ol.replies");
    if (!children) {
      children = document.createElement("ol");
      children.className = "replies";
      parent.querySelector(":scope > .collapsed-note").after(children);
    }
    return children;
  }

  bar.addEventListener("click", () => {
    if (!pending) return;
    const template = document.createElement("template");
    template.innerHTML = pending.html;
    const items = [...template.content.children];
    for (const item of items) {
      const place = placeFor(item);
      if (place !== list) item.querySelector(".in-reply-to")?.remove();
      place.append(item);
      refreshTimes(item);
    }
    lastId = pending.last_id;
    pending = null;
    bar.hidden = true;
    status.textContent = "";
    items[0]?.querySelector("article")?.focus();
  });

  setInterval(check, INTERVAL_MS);
  section.addEventListener("forum:check-replies", check);
}
