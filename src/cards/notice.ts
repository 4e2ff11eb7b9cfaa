// A small card for errors and "couldn't check" messages.
import noticeJson from "./templates/notice.json";
import { compileTemplate, escapeMarkdown, expandCard, type AdaptiveCard } from "./render";

const noticeTemplate = compileTemplate(noticeJson);

const MAX_TITLE = 120;

/** A short message; `warning` draws attention (something failed), `info` doesn't. */
export interface NoticeView {
  title: string;
  text: string;
  tone: "info" | "warning";
}

/** Renders a notice; both texts are escaped because error text may quote directory data. */
export function renderNoticeCard(view: NoticeView): AdaptiveCard {
  const warning = view.tone === "warning";
  return expandCard(noticeTemplate, {
    title: escapeMarkdown(view.title, MAX_TITLE),
    text: escapeMarkdown(view.text),
    style: warning ? "warning" : "emphasis",
    color: warning ? "Warning" : "Default",
  });
}
