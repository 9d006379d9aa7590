// Destructive links: asks in a dialog, then posts, instead of opening the confirmation page.

function postTo(url) {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  const token = document.createElement("input");
  token.type = "hidden";
  token.name = "csrf_token";
  token.value = document.querySelector("input[name=csrf_token]").value;
  form.append(token);
  document.body.append(form);
  form.submit();
}

export function enhanceConfirmations() {
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-confirm-post]");
    if (!link || event.ctrlKey || event.metaKey || !document.querySelector("input[name=csrf_token]")) {
      return;
    }
    event.preventDefault();
    if (window.confirm(link.dataset.confirmPost)) postTo(link.href);
  });
}
