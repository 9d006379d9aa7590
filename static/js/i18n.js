// Interface text for the scripts, in the page's language: the server renders the catalogue
// into <script type="application/json" id="messages"> (data, so the CSP allows it).
const block = document.getElementById("messages");
const messages = block ? JSON.parse(block.textContent) : {};

/** The page's language, as the server chose it. */
export const locale = () => document.documentElement.lang || "en";

/** The customs dates and numbers follow (en-GB: day first), as the server formats them. */
export const formatLocale = () => messages.formatLocale || locale();

const plurals = new Intl.PluralRules(locale());

/** A message by key, with {name} placeholders filled; counted messages pick by values.count. */
export function t(key, values = {}) {
  let text = messages[key] ?? key;
  if (typeof text === "object") text = text[plurals.select(values.count)] ?? text.other;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? values[name] : match));
}

/** A list the server sent as is (such as the shortcuts). */
export const list = (key) => messages[key] || [];
