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
    // The tally (its counts included) and the swing come back rendered by the server.
    for (const [id, html] of [["swing", data.swing_html], ["tally", data.tally_html]]) {
      const element = document.getElementById(id);
      if (element && html) element.outerHTML = html;
    }
    document.querySelector(".position-prompt")?.remove();
    // After a change of mind, readers can credit the replies that persuaded them.
    if (data.changed) {
      for (const credit of document.querySelectorAll("form[data-credit-form][hidden]")) {
        credit.hidden = false;
      }
    }
  },
  credit(form, data) {
    form.querySelector("button").setAttribute("aria-pressed", String(data.credited));
    const total = form.closest(".post-actions").querySelector("[data-credit-total]");
    total.hidden = data.count === 0;
    total.textContent = data.count_text;
  },
  "needs-source"(form, data) {
    form.querySelector("button").setAttribute("aria-pressed", String(data.marked));
    form.querySelector("[data-count]").textContent = data.count;
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
