"""The problems panel ``hongling serve`` lays over every page while the data has errors: each
problem as ``hongling check`` prints it (file, line, column, field, the line quoted, the hint).

It exists only in the preview (the server adds it to the HTML it sends), never in a built site.
"""

from __future__ import annotations

import html

STYLE = """
#hl-preview-problems{position:fixed;inset:0;z-index:10000;overflow:auto;background:#fff;color:#1a1a1a;
  padding:2rem clamp(1rem,5vw,4rem);font:16px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",
  "WenQuanYi Micro Hei",system-ui,sans-serif}
#hl-preview-problems>*{max-width:60rem}
#hl-preview-problems h2{margin:0 0 .5rem;color:#b71c1c;font-size:1.6rem;line-height:1.3;font-weight:700}
#hl-preview-problems pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fff5f5;border-left:4px solid #c62828;
  padding:.75rem 1rem;margin:1rem 0;font:15px/1.6 Consolas,"Cascadia Mono","Noto Sans Mono CJK SC",monospace}
#hl-preview-problems button{font:inherit;padding:.4rem 1.2rem;cursor:pointer;color:#1a1a1a;background:#f3f3f3;
  border:1px solid #888;border-radius:4px}
"""


def panel(heading: str, summary: str, texts: list[str]) -> str:
    """The panel's HTML: a heading, what to do, every problem, and a button to look underneath."""
    blocks = "".join(f'<pre class="hl-problem">{html.escape(text)}</pre>' for text in texts)
    close = "this.closest('#hl-preview-problems').remove()"
    return (f'<style>{STYLE}</style><div id="hl-preview-problems" role="alertdialog" '
            f'aria-labelledby="hl-preview-problems-title">'
            f'<h2 id="hl-preview-problems-title">{html.escape(heading)}</h2>'
            f'<p>{html.escape(summary)}改正并保存文件后，这个页面会自动刷新。在改正之前，'
            f'网站显示的是最后一次正确时生成的页面。</p>'
            f'{blocks}<p><button type="button" onclick="{close}">先看看页面（问题仍未改正）</button></p></div>')


def over(page: bytes, heading: str, summary: str, texts: list[str]) -> bytes:
    """``page`` with the panel just before ``</body>``."""
    insert = panel(heading, summary, texts).encode("utf-8")
    end = page.rfind(b"</body>")
    return page + insert if end < 0 else page[:end] + insert + page[end:]


def alone(heading: str, summary: str, texts: list[str]) -> bytes:
    """A page holding only the panel, for a preview that has no good pages yet."""
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(heading)}</title>'
            f"</head><body>{panel(heading, summary, texts)}</body></html>").encode()
