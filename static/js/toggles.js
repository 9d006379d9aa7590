// Vote, position and follow buttons that answer without reloading the page.
import { postForm, submitNormally } from "./http.js";

const UPDATERS = {
  vote(form, data) {
    form.querySelector("button").setAttribute("aria-pressed", String(data.voted));
    form.querySelector("[data-count]").textContent = data.count;
  },
  position(form, data) {
    for (const button of form.querySelectorAll("button[name=side]")) {
      button.setAttribute("aria-pressed", String(button.value === data.side));
    }
    const section = form.closest(".motion");
    section.querySelector("[data-for-count]").textContent = data.for_count;
    section.querySelector("[data-against-count]").textContent = data.against_count;
  },
  follow(form, data) {
    form.querySelector("button").setAttribute("aria-pressed", String(data.following));
  },
};

export function enhanceToggles() {
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-toggle]");
    if (!form || form.dataset.plain || event.defaultPrevented) return;
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") return;
    form.setAttribute("aria-busy", "true");
    try {
      UPDATERS[form.dataset.toggle](form, await postForm(form, event.submitter));
    } catch (error) {
      // A refusal (4xx) changed nothing: submitting normally shows its styled message.
      // A server error may have changed something, so it is not repeated.
      if (!(error.status >= 500)) submitNormally(form, event.submitter);
    } finally {
      form.removeAttribute("aria-busy");
    }
  });
}
