"""Compare main-text extractors on the article fixtures: token precision, recall, F1, time.

Run from the checkout: `.venv/bin/python bench/extraction.py`. Each page's expected text is
tests/data/articles/NAME.expected.txt; every candidate's output goes through the same
sanitiser and text conversion as stored items, so the figures measure what users would see.
A second table runs the same pages rewritten the way older sites are built (paragraphs cut
by <br>, no HTML5 sectioning tags), because the fixtures were written alongside the heuristic.
"""

import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from veille.fetch.extract import decode_html, extract_main_html  # noqa: E402
from veille.text.html import clean_html, collapse, html_to_text  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "articles"
RUNS = 5  # a page's time is the median of this many runs
_WORDS = re.compile(r"\w+")

Candidate = Callable[[str, str], str]  # (page html, url) → text as users would see it


def trafilatura_candidate(output_format: str, favor_precision: bool) -> Candidate:
    """trafilatura with the given output format and precision bias."""

    def run(page: str, url: str) -> str:
        out = trafilatura.extract(
            page, url=url, output_format=output_format, include_comments=False,
            include_tables=True, favor_precision=favor_precision,
        ) or ""
        return html_to_text(clean_html(out)) if output_format == "html" else collapse(out)

    return run


def shipped(page: str, url: str) -> str:
    """veille.fetch.extract as the pipeline calls it (trafilatura, html, favor_precision)."""
    content_type = "text/html; charset=utf-8"  # the page is re-encoded, whatever its meta says
    return html_to_text(extract_main_html(page.encode("utf-8"), url, content_type=content_type))


# The BeautifulSoup heuristic: readability's idea in a few lines. Paragraphs score their parent
# (and half their grandparent); the best container wins, with the prose siblings before it.
_DROP_TAGS = ["script", "style", "noscript", "template", "iframe", "svg", "form", "button",
              "nav", "header", "footer", "aside"]
_BOILERPLATE = re.compile(
    r"comment|sidebar|cookie|consent|share|social|related|footer|menu|breadcrumb|newsletter"
    r"|widget|promo|banner|(^|[-_ ])(ad|ads|pub)([-_ ]|$)",
    re.IGNORECASE,
)
_PARAGRAPHS = ["p", "pre", "td", "li"]


def heuristic(page: str, url: str) -> str:
    """Text of the best-scoring container of `page`, "" when it has no real paragraph."""
    soup = BeautifulSoup(page, "html.parser")
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for tag in [t for t in soup.find_all(True) if _looks_like_boilerplate(t)]:
        tag.decompose()
    scores: Counter[Tag] = Counter()
    for paragraph in soup.find_all(_PARAGRAPHS):
        score = _paragraph_score(paragraph)
        if score and paragraph.parent is not None:
            scores[paragraph.parent] += score
            if paragraph.parent.parent is not None:
                scores[paragraph.parent.parent] += score / 2
    if not scores:
        return ""
    top = scores.most_common(1)[0][0]
    # A lead paragraph often sits just before the body, not in it; what follows is bios, tags.
    parts = [top]
    for sibling in top.find_previous_siblings(True):
        if scores[sibling] or (sibling.name == "p" and _paragraph_score(sibling)):
            parts.insert(0, sibling)
    return html_to_text(clean_html("".join(str(part) for part in parts)))


def _looks_like_boilerplate(tag: Tag) -> bool:
    if tag.decomposed or tag.attrs is None or tag.name in ("html", "body"):
        return False
    names = " ".join(tag.get("class", [])) + " " + str(tag.get("id", ""))
    return bool(_BOILERPLATE.search(names))


def _paragraph_score(paragraph: Tag) -> float:
    """Readability's paragraph weight: length and commas, less the share of link text."""
    text = collapse(paragraph.get_text(" "))
    if len(text) < 25:
        return 0.0
    links = sum(len(collapse(a.get_text(" "))) for a in paragraph.find_all("a"))
    return (1 + text.count(",") + min(len(text) // 100, 3)) * (1 - links / len(text))


CANDIDATES: dict[str, Candidate] = {
    "trafilatura html": trafilatura_candidate("html", favor_precision=False),
    "trafilatura txt": trafilatura_candidate("txt", favor_precision=False),
    "trafilatura txt precision": trafilatura_candidate("txt", favor_precision=True),
    "extract_main_html (traf. html precision)": shipped,
    "bs4 heuristic": heuristic,
}


def as_br_paragraphs(page: str) -> str:
    """The page with its paragraphs run together and cut by <br><br>, as old CMSes write."""
    page = re.sub(r"</p>\s*<p(\s[^>]*)?>", "<br><br>", page)
    return re.sub(r"</?p(\s[^>]*)?>", "", page)


def as_div_soup(page: str) -> str:
    """The page with every HTML5 sectioning tag turned into a div."""
    return re.sub(r"<(/?)(article|aside|footer|header|main|nav|section)\b", r"<\1div", page)


def scores(expected: str, extracted: str, title: str = "") -> tuple[float, float, float]:
    """Token-level precision, recall and F1 (bags of lower-cased words); the title is free."""
    extracted = extracted.replace(title, " ", 1) if title else extracted
    want = Counter(_WORDS.findall(expected.lower()))
    got = Counter(_WORDS.findall(extracted.lower()))
    common = sum((want & got).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def timed(candidate: Candidate, page: str, url: str) -> tuple[str, float]:
    """The candidate's output and its median time over RUNS runs, in milliseconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        text = candidate(page, url)
        times.append((time.perf_counter() - start) * 1000)
    return text, statistics.median(times)


def report(suite: str, pages: dict[str, tuple[str, str]]) -> None:
    """Print one line of figures per candidate, then each page's F1 per candidate."""
    print(f"\n{suite}: {len(pages)} pages; median and min over pages; ms = median per page")
    print(f"{'candidate':42} {'P med':>6} {'P min':>6} {'R med':>6} {'R min':>6} "
          f"{'F1 med':>6} {'F1 min':>6} {'ms':>6}")
    per_page: dict[str, list[str]] = {name: [] for name in pages}
    for label, candidate in CANDIDATES.items():
        rows, times = [], []
        for name, (page, expected) in pages.items():
            text, ms = timed(candidate, page, f"https://example.org/{name}")
            rows.append(scores(expected, text, _title(page)))
            times.append(ms)
            per_page[name].append(f"{rows[-1][2]:.2f}")
        p, r, f = zip(*rows, strict=True)
        print(f"{label:42} {statistics.median(p):6.3f} {min(p):6.3f} "
              f"{statistics.median(r):6.3f} {min(r):6.3f} {statistics.median(f):6.3f} "
              f"{min(f):6.3f} {statistics.median(times):6.1f}")
    print("F1 per page, candidates in the order above:")
    for name, f1s in per_page.items():
        print(f"  {name:30} {' '.join(f1s)}")


def _title(page: str) -> str:
    heading = BeautifulSoup(page, "html.parser").find("h1")
    return collapse(heading.get_text(" ")) if heading else ""


def main() -> None:
    fixtures = {
        path.stem: (decode_html(path.read_bytes()),
                    path.with_suffix(".expected.txt").read_text("utf-8"))
        for path in sorted(ARTICLES.glob("*.html"))
    }
    report("fixtures", fixtures)
    variants = {
        f"{name} {label}": (rewrite(page), expected)
        for name, (page, expected) in fixtures.items()
        for label, rewrite in (("<br>", as_br_paragraphs), ("div-soup", as_div_soup))
    }
    report("layout variants", variants)


if __name__ == "__main__":
    main()
