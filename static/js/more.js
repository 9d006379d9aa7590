// "More arguments" loads the next page of top-level replies in place; without JavaScript the
// link simply opens that page.
import { refreshTimes } from "./time.js";

export function enhanceMoreArguments() {
  document.addEventListener("click", async (event) => {
    const link = event.target.closest(".more-arguments a");
    if (!link || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(link.href, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const list = document.getElementById("replies");
      const added = [...page.querySelectorAll("#replies > li")].filter(
        (item) => !document.getElementById(item.id),
      );
      list.append(...added);
      refreshTimes(list);
      const next = page.querySelector(".more-arguments");
      if (next) link.closest(".more-arguments").replaceWith(next);
      else link.closest(".more-arguments").remove();
      added[0]?.querySelector("article.post")?.focus();
    } catch {
      window.location.assign(link.href);
    }
  });
}
