"""The little script the page carries in its <head>: Chinese for screen readers, and Enter that respects the IME.

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
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.isComposing || e.keyCode === 229)) e.stopImmediatePropagation();
  }, true);
})();
</script>
"""
HEAD = _SCRIPT % {"labels": json.dumps(LABELS, ensure_ascii=False), "prefixes": json.dumps(PREFIXES, ensure_ascii=False)}
