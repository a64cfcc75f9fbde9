/**
 * The status page's stylesheet: system fonts, no external assets, one column on a phone
 * and two from 900px. Inlined in a <style> with the response's CSP nonce.
 */
export const statusPageStyle = `
:root{--bg:#f4f6f9;--card:#fff;--ink:#1c2530;--muted:#5d6b7a;--line:#e3e8ee;--ok:#17804a;--ok-bg:#e6f4ec;--warn:#9a5b00;--warn-bg:#fdf1dc;--bad:#b42318;--bad-bg:#fdeceb;--off:#6b7785;--off-bg:#eef1f4;--work:#4f8df5;--accent:#e8590c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.defs{position:absolute;width:0;height:0;overflow:hidden}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:6px 14px;padding:14px 18px;margin:0 0 14px;border-radius:14px;background:#1c2530;color:#fff}
.brand{font-weight:700;font-size:18px;letter-spacing:.2px}
.brand span{font-weight:400;color:#b8c4d0;font-size:15px}
.now{color:#d5dde5;font-size:14px}
.top .pill{margin-left:auto}
.pill{display:inline-block;border-radius:999px;padding:2px 10px;font-size:13px;font-weight:600;white-space:nowrap}
.pill.ok{background:var(--ok-bg);color:var(--ok)}
.pill.warn{background:var(--warn-bg);color:var(--warn)}
.pill.bad{background:var(--bad-bg);color:var(--bad)}
.pill.off{background:var(--off-bg);color:var(--off)}
main{max-width:1180px;margin:0 auto;padding:14px 12px 24px}
.offline{max-width:1180px;margin:10px auto 0;padding:8px 14px;border-radius:10px;background:var(--warn-bg);color:var(--warn);font-weight:600}
.card{background:var(--card);border:1px solid var(--line);border-radius:14px;padding:14px 16px;margin:0 0 14px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 10px;font-weight:700}
h2 .count{color:var(--ink);background:var(--off-bg);border-radius:999px;padding:0 8px;margin-left:6px;letter-spacing:0}
.stamp{color:var(--muted);font-size:12px;margin:0 0 10px 4px}
.attention{border-color:#f3c7c2;background:#fffafa}
.attention h2{color:var(--bad)}
.attention ul{list-style:none;margin:0;padding:0}
.attention li{padding:10px 0;border-top:1px solid var(--line)}
.attention li:first-child{border-top:0;padding-top:0}
.attention strong{display:block}
.attention .detail{color:var(--ink);white-space:pre-line;overflow-wrap:anywhere}
.attention .fix{color:var(--muted);font-size:14px}
.columns{display:grid;gap:0 14px}
@media (min-width:900px){.columns{grid-template-columns:minmax(0,1.35fr) minmax(0,1fr)}}
.health{list-style:none;margin:0;padding:0}
.health li{display:grid;grid-template-columns:9.5em minmax(0,1fr);gap:2px 10px;padding:7px 0;border-top:1px solid var(--line)}
.health li:first-child{border-top:0;padding-top:0}
.health .name{font-weight:600}
.health .detail{grid-column:2;color:var(--muted);font-size:14px}
.counts{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:8px}
.counts div{background:var(--bg);border-radius:10px;padding:8px 6px;text-align:center}
.counts b{display:block;font-size:22px;line-height:1.1}
.counts span{font-size:12px;color:var(--muted)}
.oncall p{margin:0 0 4px}
.oncall .who{font-size:17px;font-weight:600}
.muted{color:var(--muted)}
.small{font-size:13px}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin:-2px 0 8px}
.legend svg{vertical-align:-2px;margin-right:4px}
.client{padding:10px 0 4px;border-top:1px solid var(--line)}
.client:first-of-type{border-top:0;padding-top:0}
.client-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 10px}
.client-name{font-weight:700;font-size:16px}
.client-zone{color:var(--muted);font-size:13px}
.client-state{margin:2px 0 6px;font-size:14px}
.client-state .va{color:var(--muted)}
.badge{font-size:12px;color:var(--muted);background:var(--off-bg);border-radius:999px;padding:0 8px}
.timeline{display:block;overflow:visible}
.tl-day{font-size:11px;fill:var(--muted)}
.tl-grid{stroke:var(--line);stroke-width:1}
.tl-weekend{fill:#f6f7f9}
.tl-work{fill:var(--work)}
.tl-checkin{fill:#1c2530}
.tl-now{stroke:var(--accent);stroke-width:2}
.list{list-style:none;margin:0;padding:0}
.list li{padding:9px 0;border-top:1px solid var(--line)}
.list li:first-child{border-top:0;padding-top:0}
.line1{display:flex;flex-wrap:wrap;align-items:baseline;gap:2px 8px}
.subject{font-weight:600;overflow-wrap:anywhere}
.from{color:var(--muted);font-size:14px;overflow-wrap:anywhere}
time{font-variant-numeric:tabular-nums;color:var(--muted);font-size:13px}
.tag{font-size:12px;border-radius:6px;padding:0 6px;background:var(--off-bg);color:var(--off);white-space:nowrap}
.tag.urgent{background:var(--bad-bg);color:var(--bad)}
.tag.robot{background:#eef0fb;color:#4b55a5}
.outcome{font-size:13px;font-weight:600}
.o-replied,.o-forwarded,.o-released,.o-acknowledged{color:var(--ok)}
.o-held{color:#3b63c4}
.o-reply-suppressed,.o-left{color:var(--muted)}
.o-failed{color:var(--bad)}
.o-escalated{color:var(--warn)}
.record{display:grid;grid-template-columns:auto minmax(0,1fr);grid-template-areas:"time what" "msg msg" "why why";gap:1px 8px;align-items:baseline}
.record time{grid-area:time}
.record .what{grid-area:what;display:flex;flex-wrap:wrap;gap:2px 8px;align-items:baseline}
.record .msg{grid-area:msg}
.record .why{grid-area:why}
@media (min-width:900px){.record{grid-template-columns:6.5em 17em minmax(0,1fr) 15em;grid-template-areas:"time what msg why";gap:0 14px}}
.why{font-size:13px;color:var(--muted)}
.why span{border-bottom:1px dotted #aab4bf;cursor:help}
.back{font-size:14px}
.empty{color:var(--muted);margin:0}
footer{max-width:1180px;margin:0 auto;padding:0 16px 28px;color:var(--muted);font-size:12px}
footer a{color:inherit}
@media (max-width:480px){body{font-size:14px}.top{padding:12px 14px}.brand span{display:none}.counts b{font-size:19px}main{padding:10px 8px 20px}.card{padding:12px 12px;border-radius:12px}}
`;
