// Shows how Markdown will look before it is posted, rendered by the same code as the server.
import { t } from "./i18n.js";

async function render(textarea, pane) {
  const form = textarea.form;
  const body = new FormData();
  body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
  body.append("body", textarea.value);
  pane.textContent = t("rendering");
  try {
    const response = await fetch("/preview", {
      method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin",
    });
    const data = response.ok || response.status === 400 ? await response.json().catch(() => ({})) : {};
    // A text past the renderer's limits: the server says which limit, shown as text.
    if (data.error) {
      pane.textContent = data.error;
      return;
    }
    if (!response.ok) throw new Error(String(response.status));
    // The server sanitized this HTML with the same rules used for posts.
    if (data.html) pane.innerHTML = data.html;
    else pane.replaceChildren(Object.assign(document.createElement("p"), { textContent: t("nothingToPreview") }));
  } catch {
    pane.textContent = t("previewFailed");
  }
}

export function enhancePreviews(root) {
  for (const textarea of root.querySelectorAll("textarea[data-preview]")) {
    if (textarea.dataset.previewReady) continue;
    textarea.dataset.previewReady = "true";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "preview-toggle button secondary small";
    button.textContent = t("preview");
    button.setAttribute("aria-expanded", "false");
    const pane = document.createElement("div");
    pane.className = "preview prose";
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    pane.setAttribute("aria-label", t("preview"));
    button.addEventListener("click", () => {
      const open = pane.hidden;
      pane.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = t(open ? "hidePreview" : "preview");
      if (open) render(textarea, pane);
    });
    textarea.after(button, pane);
  }
}
