// Switches the colour theme at once; the server still remembers the choice in a cookie.
import { submitNormally } from "./http.js";

export function enhanceThemeSwitch() {
  const form = document.querySelector("form[data-theme-switch]");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    const button = event.submitter;
    if (!button || form.dataset.plain) return;
    event.preventDefault();
    document.documentElement.dataset.theme = button.value;
    for (const other of form.querySelectorAll("button[name=theme]")) {
      other.setAttribute("aria-pressed", String(other === button));
    }
    const body = new FormData(form, button);
    try {
      const response = await fetch(form.action, {
        method: "POST", body, headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) submitNormally(form, button); // e.g. an expired form: let the server say
    } catch {
      /* offline: the theme still changed for this page, and the next visit can save it */
    }
  });
}
