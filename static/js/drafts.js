// Nothing typed is lost: forms marked data-draft keep their text in this browser's storage
// as it is typed, get it back when opened again, warn before leaving unsent text, show one
// send in flight, and count characters near the limit. Drafts never leave the browser.
import { t } from "./i18n.js";

const PREFIX = "draft:";
const SENT = "draft-sent";
const SKIP = new Set(["csrf_token", "submission_key", "parent_id"]);
let sending = false;

/** One draft per form address and parent: /t/7/reply:12, /new:, /p/3/edit: */
function draftKey(form) {
  const parent = form.querySelector("[name=parent_id]")?.value || "";
  return `${PREFIX}${new URL(form.action, location.href).pathname}:${parent}`;
}

function fields(form) {
  return [...form.elements].filter((el) => el.name && !SKIP.has(el.name) && el.type !== "hidden");
}

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key)) || null;
  } catch {
    return null;
  }
}

function save(form) {
  const values = {};
  for (const el of fields(form)) {
    if (el.type === "radio") {
      if (el.checked) values[el.name] = el.value;
    } else if (el.value) values[el.name] = el.value;
  }
  const body = form.querySelector("textarea[name=body]");
  try {
    if (body && body.value.trim()) localStorage.setItem(draftKey(form), JSON.stringify(values));
    else localStorage.removeItem(draftKey(form));
  } catch {
    // Storage full or switched off: the form still works, it just is not kept.
  }
}

/** Put a saved draft back into a form (text, stance, tags, sources). */
export function restoreDraft(form) {
  const values = read(draftKey(form));
  if (!values) return;
  for (const el of fields(form)) {
    if (!(el.name in values)) continue;
    if (el.type === "radio") el.checked = el.value === values[el.name];
    else if (!el.readOnly) el.value = values[el.name];
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function unsent(form) {
  const body = form.querySelector("textarea[name=body]");
  return Boolean(body && !form.hidden && body.value.trim() && body.value !== body.defaultValue);
}

function countdown(box) {
  const max = Number(box.dataset.max);
  let note = box.parentElement.querySelector(".counter");
  if (!note) {
    note = document.createElement("p");
    note.className = "hint counter";
    note.setAttribute("aria-live", "polite");
    box.after(note);
  }
  const left = max - box.value.length;
  note.hidden = left > max / 10;
  note.textContent = left >= 0 ? t("charactersLeft", { count: left }) : t("charactersOver", { count: -left });
}

/** Re-open the in-place reply a member was writing before they had to sign in again. */
function reopenReplies(openReply) {
  for (const key of Object.keys(localStorage)) {
    const match = key.match(/^draft:(\/t\/\d+\/reply):(\d+)$/);
    const form = document.querySelector("form[data-reply-form]:not(.inline-reply)");
    if (!match || !form || new URL(form.action).pathname !== match[1]) continue;
    const link = document.querySelector(`a[data-reply-to="${match[2]}"]`);
    if (link) openReply(link);
  }
}

export function enhanceDrafts(openReply) {
  const sent = sessionStorage.getItem(SENT);
  sessionStorage.removeItem(SENT);
  // The page after a send: no error shown means the post was made, so its draft can go.
  if (sent && !document.querySelector(".error-page, .form-errors, .has-error")) {
    localStorage.removeItem(sent);
  }
  for (const form of document.querySelectorAll("form[data-draft]")) restoreDraft(form);
  reopenReplies(openReply);
  document.addEventListener("input", (event) => {
    const form = event.target.form;
    if (!form?.matches("[data-draft]")) return;
    if (event.isTrusted) save(form);
    if (event.target.dataset.max) countdown(event.target);
  });
  document.addEventListener("change", (event) => {
    if (event.target.form?.matches("[data-draft]")) save(event.target.form);
  });
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!form.matches("[data-draft]") || event.defaultPrevented) return;
    sending = true;
    sessionStorage.setItem(SENT, draftKey(form));
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    button.dataset.label = button.textContent;
    button.textContent = t("sending");
  });
  // Back to a page kept in memory: its buttons work again (the server refuses a repeat).
  addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    sending = false;
    for (const button of document.querySelectorAll("button[aria-busy=true]")) {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      button.textContent = button.dataset.label;
    }
  });
  addEventListener("beforeunload", (event) => {
    if (sending || ![...document.querySelectorAll("form[data-draft]")].some(unsent)) return;
    event.preventDefault();
    event.returnValue = "";
  });
}
