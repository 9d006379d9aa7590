// Small helpers for posting a form's data and reading the JSON answer.

/** Post a form (with the button that submitted it) and return the parsed JSON reply. */
export async function postForm(form, submitter) {
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form, submitter || undefined),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  if (!response.ok) {
    const error = new Error(`HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

/** Submit a form the ordinary way, as if no script were running. */
export function submitNormally(form, submitter) {
  form.dataset.plain = "true";
  form.requestSubmit(submitter || undefined);
}
