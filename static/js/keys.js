// Keyboard shortcuts: j/k to move between replies, p to the parent, r to reply, Esc to close
// the reply box (keeping its text), ? for help.
import { closeReply, openReply } from "./reply.js";
import { list as messageList, t } from "./i18n.js";

function visiblePosts() {
  return [...document.querySelectorAll("article.post")].filter((post) => post.offsetParent !== null);
}

function move(step) {
  const posts = visiblePosts();
  if (!posts.length) return;
  const current = posts.findIndex((post) => post.classList.contains("is-focused"));
  const next = posts[Math.min(Math.max(current + step, 0), posts.length - 1)];
  for (const post of posts) post.classList.remove("is-focused");
  next.classList.add("is-focused");
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: "nearest" });
}

function helpDialog() {
  let dialog = document.querySelector("dialog.shortcuts");
  if (dialog) return dialog;
  dialog = document.createElement("dialog");
  dialog.className = "shortcuts";
  dialog.setAttribute("aria-labelledby", "shortcuts-title");
  const title = document.createElement("h2");
  title.id = "shortcuts-title";
  title.textContent = t("shortcutsTitle");
  const list = document.createElement("dl");
  for (const [key, meaning] of messageList("shortcuts")) {
    const term = document.createElement("dt");
    const kbd = document.createElement("kbd");
    kbd.textContent = key;
    term.append(kbd);
    const detail = document.createElement("dd");
    detail.textContent = meaning;
    list.append(term, detail);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "button";
  close.textContent = t("close");
  close.addEventListener("click", () => dialog.close());
  dialog.append(title, list, close);
  document.body.append(dialog);
  return dialog;
}

/** Move to the reply the focused one answers. */
function toParent() {
  const focused = document.querySelector("article.post.is-focused");
  const parent = focused?.closest("li.reply")?.parentElement?.closest("li.reply");
  const article = parent?.querySelector(":scope > article.post");
  if (!article) return;
  focused.classList.remove("is-focused");
  article.classList.add("is-focused");
  article.focus({ preventScroll: true });
  article.scrollIntoView({ block: "nearest" });
}

export function enableShortcuts() {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const inlineForm = event.target.closest?.("form.inline-reply");
    if (event.key === "Escape" && inlineForm) {
      event.preventDefault();
      closeReply(inlineForm);
      return;
    }
    if (event.target.closest("input, textarea, select, [contenteditable], dialog")) return;
    if (event.key === "j" || event.key === "k") {
      event.preventDefault();
      move(event.key === "j" ? 1 : -1);
    } else if (event.key === "p") {
      event.preventDefault();
      toParent();
    } else if (event.key === "r") {
      const link = document.querySelector("article.post.is-focused a[data-reply-to]");
      if (link) {
        event.preventDefault();
        if (!openReply(link)) link.click();
      }
    } else if (event.key === "?") {
      event.preventDefault();
      const dialog = helpDialog();
      if (dialog.open) dialog.close();
      else dialog.showModal();
    }
  });
}
