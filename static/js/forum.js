// Entry point: each module enhances pages that already work without JavaScript.
import { startRelativeTimes } from "./time.js";
import { enhanceThemeSwitch } from "./theme.js";
import { enhanceToggles } from "./toggles.js";
import { enhanceReplyLinks, openReply } from "./reply.js";
import { enhanceDrafts } from "./drafts.js";
import { enhancePreviews } from "./preview.js";
import { watchNewReplies } from "./live.js";
import { enableShortcuts } from "./keys.js";
import { enhanceConfirmations } from "./confirm.js";
import { enhanceMoreArguments } from "./more.js";
import "./notifications.js";

document.documentElement.classList.add("js");
enhanceConfirmations();
startRelativeTimes();
enhanceThemeSwitch();
enhanceToggles();
enhanceReplyLinks();
enhancePreviews(document);
enhanceDrafts(openReply);
watchNewReplies();
enableShortcuts();
enhanceMoreArguments();
