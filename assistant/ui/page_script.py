"""The little script the page carries in its <head>: Chinese for screen readers, Enter that respects the IME, and
a tap on a marker [n] that opens its article.

Gradio's own strings follow the browser's language, and a few of its labels are English whatever the language
("More tabs", "chatbot conversation", "Feedback"); a worker's screen reader must not read English. The page is
Chinese, so Gradio is told the browser speaks Chinese, and the labels it never translates are renamed as they
appear. Enter sends the question, but not while a Chinese input method is still composing (Enter there picks the
candidate, which Gradio would otherwise take as "send").
"""

from __future__ import annotations

import json

# English label (or its start, for labels that go on with the message text) → what a screen reader says instead
LABELS = {
    "More tabs": "更多页面",
    "chatbot conversation": "对话记录",
    "Copy message": "复制这条消息",
    "Copied message": "已复制",
    "Feedback": "评价这条回答",
    "Scroll down": "滚动到最新",
    "Clear": "清空",
    "Liked": "已评价：有帮助",
    "Disliked": "已评价：没帮助",
    "Like": "有帮助",
    "Dislike": "没帮助",
}
PREFIXES = {"user's message: ": "你说：", "bot's message: ": "回答："}

_SCRIPT = """
<script>
(() => {
  const zh = () => 'zh-CN';
  try {
    Object.defineProperty(Navigator.prototype, 'language', {get: zh, configurable: true});
    Object.defineProperty(Navigator.prototype, 'languages', {get: () => ['zh-CN', 'zh'], configurable: true});
  } catch (e) { /* an old browser keeps its language; the renaming below still applies */ }
  document.documentElement.lang = 'zh-CN';
  const labels = %(labels)s, prefixes = %(prefixes)s;
  const rename = (el) => {
    for (const attr of ['aria-label', 'title']) {
      const v = el.getAttribute(attr);
      if (!v) continue;
      if (labels[v]) { el.setAttribute(attr, labels[v]); continue; }
      for (const [en, cn] of Object.entries(prefixes)) {
        if (v.startsWith(en)) { el.setAttribute(attr, cn + v.slice(en.length)); break; }
      }
    }
  };
  const sweep = (root) => {
    if (root.nodeType !== 1) return;
    rename(root);
    root.querySelectorAll('[aria-label],[title]').forEach(rename);
  };
  new MutationObserver((changes) => {
    for (const c of changes) {
      if (c.type === 'attributes') rename(c.target);
      else c.addedNodes.forEach(sweep);
    }
  }).observe(document.documentElement,
             {subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'title']});
  document.addEventListener('DOMContentLoaded', () => { document.documentElement.lang = 'zh-CN'; sweep(document.body); });
  // A marker [n] in an answer opens its article under that answer's 法律依据 and brings it into view (the
  // link's #cite-n names no element: each article is found by its marker, inside the same answer).
  document.addEventListener('click', (e) => {
    const ref = e.target.closest && e.target.closest('a.cite-ref');
    if (!ref) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    const n = (ref.getAttribute('href') || '').replace(/^#cite-/, '');
    const answer = ref.closest('.bot-row') || ref.closest('.message') || document;
    const cite = [...answer.querySelectorAll('details.cite')]
      .find((d) => ((d.querySelector('summary') || {}).textContent || '').trim().startsWith('[' + n + ']'));
    if (!cite) return;
    for (let d = cite; d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    cite.scrollIntoView({block: 'center'});
    const summary = cite.querySelector('summary');
    if (summary) summary.focus({preventScroll: true});
  }, true);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.isComposing || e.keyCode === 229)) e.stopImmediatePropagation();
  }, true);
})();
</script>
"""
HEAD = _SCRIPT % {"labels": json.dumps(LABELS, ensure_ascii=False), "prefixes": json.dumps(PREFIXES, ensure_ascii=False)}
