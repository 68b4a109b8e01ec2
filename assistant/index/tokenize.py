"""jieba tokenization with the project's legal user dictionary, shared by indexing and querying."""

from __future__ import annotations

import gc
import hashlib
import logging
import re
import threading
from pathlib import Path

from assistant.config import PROJECT_DIR

USER_DICT = PROJECT_DIR / "corpus" / "legal_terms.txt"
_lock = threading.Lock()
_KEEP = re.compile(r"[\w\u3400-\u9fff]")
STOPWORDS = frozenset(
    "的 了 是 我 你 他 她 它 们 我们 你们 他们 在 有 和 与 及 或 或者 就 都 也 还 又 被 把 让 给 对 从 向 以 为 这 那 个 "
    "吗 呢 吧 啊 呀 哦 嗯 么 什么 怎么 怎么办 怎样 如何 哪些 哪里 多少 是否 能否 能不能 可不可以 可以 应该 应当 "
    "请问 问 一下 一个 现在 已经 因为 所以 但是 但 如果 要 会 能 想 说 去 来 上 下 中 之 其 等 该 此 这个 那个 "
    "自己 没有 没 不 请 谢谢 您好 你好 律师".split()
)


def dictionary_fingerprint() -> str:
    """Changes whenever the user dictionary changes, so stored tokens are recomputed."""
    data = USER_DICT.read_bytes() if USER_DICT.exists() else b""
    rules = b"|inner-words:4|stop:" + " ".join(sorted(STOPWORDS)).encode()
    return hashlib.sha256(data + rules).hexdigest()[:16]


_ready: dict = {}


def _jieba(cache_dir: str | None = None):
    """jieba, initialised once per process (its dictionary cache kept in the app's data dir, not /tmp)."""
    if "jieba" in _ready:
        return _ready["jieba"]
    with _lock:
        if "jieba" not in _ready:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            if cache_dir:
                Path(cache_dir).mkdir(parents=True, exist_ok=True)
                jieba.dt.tmp_dir = cache_dir
            # loading the dictionary allocates ~500k small objects; the cyclic GC has nothing to collect there and
            # would only slow it down
            gc_was_on = gc.isenabled()
            gc.disable()
            try:
                if not _load_cached_dictionary(jieba.dt):
                    jieba.initialize()  # builds the cache on first use
            finally:
                if gc_was_on:
                    gc.enable()
            if USER_DICT.exists():
                jieba.load_userdict(str(USER_DICT))
            _ready["jieba"] = jieba
    return _ready["jieba"]


def _load_cached_dictionary(tokenizer) -> bool:
    """Read jieba's own dictionary cache in one piece: ``marshal.loads`` on the bytes is twice as fast as the
    ``marshal.load(file)`` jieba uses, and start-up time is what a one-shot ``labor search`` feels."""
    import marshal
    import tempfile

    cache = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    if tokenizer.initialized or tokenizer.cache_file or not cache.is_file():
        return tokenizer.initialized
    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(cache.read_bytes())
    except (ValueError, EOFError, TypeError, OSError):
        return False  # a damaged cache: let jieba rebuild it
    tokenizer.initialized = True
    return True


def init_tokenizer(cache_dir: Path | None = None) -> None:
    _jieba(str(cache_dir) if cache_dir else None)


def _with_inner_words(words, freq):
    """jieba's search mode adds only 2- and 3-character sub-words; a long legal term such as 无固定期限劳动合同
    also carries dictionary words of 4+ characters (劳动合同), which must match too."""
    for w in words:
        yield w
        n = len(w)
        if n > 4:
            for size in range(4, n):
                for i in range(n - size + 1):
                    inner = w[i:i + size]
                    if freq.get(inner):
                        yield inner


def tokenize(text: str) -> list[str]:
    """Search-mode tokens (words and their sub-words), lower-cased, without punctuation or stop words."""
    jieba = _jieba()
    words = _with_inner_words(jieba.cut_for_search(text), jieba.dt.FREQ)
    return [t for t in (w.strip().lower() for w in words) if t and t not in STOPWORDS and _KEEP.search(t)]

