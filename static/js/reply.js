// Opens a reply form in place, right under the reply being answered.
import { enhancePreviews } from "./preview.js";
import { t } from "./i18n.js";
import { restoreDraft } from "./drafts.js";

/** Give a cloned form's ids a suffix so labels and hints still point at the right fields. */
function renameIds(form, suffix) {
  for (const element of form.querySelectorAll("[id]")) element.id += suffix;
  for (const label of form.querySelectorAll("label[for]")) label.htmlFor += suffix;
  for (const element of form.querySelectorAll("[aria-describedby]")) {
    const ids = element.getAttribute("aria-describedby").split(" ").map((id) => id + suffix);
    element.setAttribute("aria-describedby", ids.join(" "));
  }
}

function buildForm(template, postId, name) {
  const form = template.cloneNode(true);
  form.classList.add("inline-reply");
  form.querySelector("[name=parent_id]").value = postId;
  form.querySelector("[data-replying-to]").textContent = t("replyingTo", { name });
  form.querySelector("legend").textContent = t("replyToReply");
  for (const old of form.querySelectorAll(".error, .form-errors, .preview, .preview-toggle")) old.remove();
  for (const field of form.querySelectorAll("textarea")) {
    field.value = "";
    field.removeAttribute("aria-invalid");
  }
  delete form.querySelector("textarea").dataset.previewReady;
  renameIds(form, `-${postId}`);
  // Each in-place form is its own intent, with its own single-use key.
  const key = form.querySelector("[name=submission_key]");
  if (key) key.value = Array.from(crypto.getRandomValues(new Uint8Array(18)), (b) => b.toString(16).padStart(2, "0")).join("");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button secondary";
  cancel.textContent = t("cancel");
  cancel.addEventListener("click", () => {
    form.remove();
    document.querySelector(`#post-${postId} [data-reply-to]`)?.focus();
  });
  form.querySelector(".form-actions").append(cancel);
  enhancePreviews(form);
  restoreDraft(form);
  return form;
}

/** Open (or focus) the in-place reply form for a reply; false when the page has no form. */
export function openReply(link) {
  const template = document.querySelector("form[data-reply-form]:not(.inline-reply)");
  if (!template) return false;
  const postId = link.dataset.replyTo;
  const article = document.getElementById(`post-${postId}`);
  let form = article.parentElement.querySelector(`:scope > form.inline-reply`);
  if (!form) {
    form = buildForm(template, postId, link.dataset.replyName);
    article.after(form);
  }
  form.hidden = false;
  form.querySelector("textarea").focus();
  return true;
}

/** Esc in an in-place reply box hides it; its text stays for when it is opened again. */
export function closeReply(form) {
  form.hidden = true;
  const postId = form.querySelector("[name=parent_id]").value;
  document.querySelector(`#post-${postId} [data-reply-to]`)?.focus();
}

export function enhanceReplyLinks() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-reply-to]");
    if (link && !event.ctrlKey && !event.metaKey && openReply(link)) event.preventDefault();
  });
}
