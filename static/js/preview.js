// Shows how Markdown will look before it is posted, rendered by the same code as the server.

async function render(textarea, pane) {
  const form = textarea.form;
  const body = new FormData();
  body.append("csrf_token", form.querySelector("[name=csrf_token]").value);
  body.append("body", textarea.value);
  pane.textContent = "Rendering…";
  try {
    const response = await fetch("/preview", {
      method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin",
    });
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    // The server sanitized this HTML with the same rules used for posts.
    pane.innerHTML = data.html || "<p>Nothing to preview yet.</p>";
  } catch {
    pane.textContent = "The preview could not be loaded. Your text is still here.";
  }
}

export function enhancePreviews(root) {
  for (const textarea of root.querySelectorAll("textarea[data-preview]")) {
    if (textarea.dataset.previewReady) continue;
    textarea.dataset.previewReady = "true";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "preview-toggle button secondary small";
    button.textContent = "Preview";
    button.setAttribute("aria-expanded", "false");
    const pane = document.createElement("div");
    pane.className = "preview prose";
    pane.hidden = true;
    pane.setAttribute("aria-live", "polite");
    pane.setAttribute("aria-label", "Preview");
    button.addEventListener("click", () => {
      const open = pane.hidden;
      pane.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "Hide preview" : "Preview";
      if (open) render(textarea, pane);
    });
    textarea.after(button, pane);
  }
}
