"""Headlines of pages written without spaces between words (Chinese, Japanese): a heading's
words are counted as such a script's words, not as one space-separated token."""

from __future__ import annotations

import pytest

import cleaners

ZH_STORY = [
    "新华社北京十二月七日电，国家统计局今天发布的数据显示，今年前十一个月全国规模以上工业增加值"
    "同比增长百分之五点八，增速比前十个月加快零点一个百分点。",
    "分行业看，四十一个大类行业中有三十五个行业增加值保持同比增长，其中电子设备制造业和汽车制造业"
    "增长较快，高技术制造业增加值增长明显快于全部规模以上工业。",
    "国家统计局新闻发言人表示，当前经济运行总体平稳，但外部环境依然复杂严峻，国内需求仍显不足，"
    "经济持续回升向好的基础还需巩固。",
    "专家认为，随着一系列稳增长政策持续发力，明年工业生产有望保持平稳增长态势，企业利润也将逐步改善。",
]
JA_STORY = [
    "東京外国為替市場で七日、円相場が一時一ドル＝百五十円台まで下落した。日銀の金融政策決定会合を"
    "来週に控え、利上げが見送られるとの見方が広がった。",
    "市場関係者の間では、米国の長期金利の上昇を背景に日米の金利差が意識され、円を売ってドルを買う"
    "動きが強まったとの指摘が出ている。",
    "政府関係者は、為替の動向を緊張感を持って注視していると述べ、過度な変動には適切に対応する考えを"
    "示した。",
]


def _page(lang: str, title: str, heading: str, story: list[str], day: str) -> bytes:
    """A portal's article page: a menu, the story's box with its heading, day and source line,
    the paragraphs, a related-stories list and a footer; obfuscated class names."""
    paragraphs = "".join(f"<p>{text}</p>" for text in story)
    return f"""<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div class="nav_x1"><a href="/">首页</a><a href="/politics/">时政</a>
<a href="/fortune/">财经</a><a href="/world/">国际</a></div>
<div class="c_9f"><h1 class="h_t2">{heading}</h1>
<div class="info_3a">{day}</div>
<div class="txt_b">{paragraphs}</div>
<div class="rel_q"><h3>相关新闻</h3><ul>
<li><a href="/fortune/20261206/c_101.htm">统计局：十一月份居民消费价格同比上涨零点二</a></li>
<li><a href="/fortune/20261205/c_099.htm">央行：保持流动性合理充裕</a></li></ul></div></div>
<div class="ft_0">版权所有 © 2026 新闻网</div></body></html>""".encode()


@pytest.mark.parametrize(("lang", "site", "heading", "story", "day"), [
    ("zh-CN", "新华网", "前十一个月工业增加值增长百分之五点八", ZH_STORY, "2026年12月07日 10:21"),
    ("ja", "毎朝新聞デジタル", "円相場、一時１ドル＝１５０円台に下落", JA_STORY,
     "2026年12月7日 10時21分"),
], ids=["chinese", "japanese"])
def test_a_cjk_heading_over_the_story_is_the_headline_where_the_title_names_only_the_site(
        lang, site, heading, story, day):
    document = cleaners.clean(_page(lang, site, heading, story, day),
                              "https://www.news.example.cn/fortune/20261207/c_113.htm")
    assert document.metadata()["title"] == heading


def test_a_cjk_section_heading_does_not_replace_a_headline_the_title_gives():
    """A section's name in the ``h1`` (国内新闻, two words) is not three words of a headline:
    the ``<title>``'s headline stays."""
    headline = "前十一个月工业增加值增长百分之五点八"
    document = cleaners.clean(_page("zh-CN", f"{headline} - 新华网", "国内新闻", ZH_STORY,
                                    "2026年12月07日 10:21"),
                              "https://www.news.example.cn/fortune/20261207/c_113.htm")
    assert document.metadata()["title"].startswith(headline)
