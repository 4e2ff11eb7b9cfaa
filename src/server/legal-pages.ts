// The privacy statement and terms the Teams manifest links to (privacyUrl, termsOfUseUrl), served by the bot itself.
// Plain, static HTML: what the bot reads, what it keeps and for how long. Keep it true when the code changes.

const page = (title: string, body: string): string =>
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · TAP Helpdesk</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#242424}h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.5rem}</style>
</head><body>
<h1>${title}</h1>
${body}
</body></html>
`;

/** GET /privacy: what the bot reads from Microsoft Graph, what it stores, for how long. */
export const PRIVACY_HTML = page(
  "TAP Helpdesk privacy statement",
  `<p>TAP Helpdesk runs in your organisation's own Azure subscription and Microsoft Entra tenant. Nothing is sent to the
makers of this app or to anyone outside your tenant and its Azure resources.</p>
<h2>What it reads from Microsoft Graph</h2>
<p>Only when someone asks about a Temporary Access Pass (for themselves, or a helpdesk agent or manager for someone
else): the person's account (enabled, guest, domain), manager, group and role membership, their Temporary Access Passes
(never the pass value of an existing pass), registered sign-in methods, recent sign-in logs, risk state, and the
tenant's authentication methods policy, Conditional Access policies, named locations, authentication strengths and
domain federation settings. Tenant-wide settings are cached in memory for a few minutes; what is read from Graph is
stored only as the diagnosis shown on a card (below).</p>
<h2>What it stores</h2>
<ul>
<li><b>Troubleshooting chats</b>: who asked about whom, the answers given to the bot's questions, and the diagnosis
(cause codes and the evidence shown on the card, such as pass times and the failed sign-in).</li>
<li><b>Conversation references</b>: the ids Teams needs to send someone a message later (a ticket update, a manager's
confirmation request), and which channel is the helpdesk channel.</li>
<li><b>Help requests and tickets</b>: who asked, the diagnosis codes and evidence shown on the card, status changes,
which agent worked on it and how the person was verified.</li>
<li><b>Audit trail</b>: every helpdesk action — who, what, for whom, the verification method, the result, the Graph
request id and the time.</li>
<li><b>Pending removals</b>: which hand-over message showed a new pass, so the value can be removed from it.</li>
</ul>
<p><b>Pass values are never stored</b>: a newly issued pass is shown once, only in the issuing agent's (or the confirming
manager's) private chat with the bot, and removed from that message after a set time (15 minutes unless the
administrator changed it) or when "Handed over" is pressed. Pass values never appear in tickets, channel cards, the
audit trail or logs.</p>
<h2>For how long</h2>
<p>Everything above is kept until your administrators delete it from the bot's storage: the app does not delete
anything on its own yet, so the helpdesk can account for every pass it issued. Logs go to your own Application Insights workspace, when configured, and follow
its retention setting.</p>
<h2>Questions</h2>
<p>Ask the team in your organisation that runs TAP Helpdesk; they control its data.</p>`,
);

/** GET /terms: short terms of use. */
export const TERMS_HTML = page(
  "TAP Helpdesk terms of use",
  `<p>TAP Helpdesk helps people find out why a Microsoft Entra Temporary Access Pass doesn't work and helps your
helpdesk issue a new one safely. It is operated by your organisation, under your organisation's policies.</p>
<ul>
<li>Use it only for your own account, or — as a helpdesk agent, manager or administrator — for the people you are
responsible for. Every lookup and every helpdesk action is recorded.</li>
<li>Its diagnoses are based on what Microsoft Graph reports at that moment; they can be incomplete where a permission
or licence is missing, and the card says so.</li>
<li>Never share a Temporary Access Pass with anyone except the person it was issued to, after verifying who they are.</li>
<li>The software is provided as is, without warranty of any kind.</li>
</ul>`,
);
