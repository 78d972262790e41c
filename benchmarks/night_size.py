"""The size of a real night: generated articles by the thousand, their cost per article and peak memory.

    python benchmarks/night_size.py digest 1000 5000 20000   # stories, both digests, the night's delivery
    python benchmarks/night_size.py run 1000 5000            # whole `summarize run`s, the tiny test model

A monitoring setup scraping a hundred outlets sees 5,000 to 20,000 articles a day. The articles are
generated: stories of one to eight articles (one event, several outlets), made of the test articles'
sentences with the story's own invented names, so that, as on a real night, a story's articles share
rare words and sentences, and all articles share the common words.

`digest` times story grouping, agency-copy detection and the two digests over entries made directly
from the texts (each sentence its own translation): the part of a run that sees all articles at once;
and the night's delivery (what of it continues the stories of a week of earlier nights of the same size,
and its e-mail and feed pages). The articles of eight such nights are drawn from one pool, so that many
of tonight's stories began on an earlier night, as on real nights; each earlier night is remembered as
the archive remembers it (its stories' signatures). Timed once, then again under tracemalloc for the
peak (tracing slows Python down several times).
`run` times the whole command in a process of its own (seconds per article, peak RSS from the kernel,
and where the time goes, from run.json). Targets (issue 17): seconds per article at 20,000 within 1.3x of
those at 1,000; peak RSS under 1.5 GB at 20,000; the digest for 20,000 articles in under a minute.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

from measured import run_summarize  # noqa: E402

from summarize import digest, writing  # noqa: E402
from summarize.delivery.archive import read_stories, write_stories  # noqa: E402
from summarize.delivery.ledger import Delivered, Night, new_ledger  # noqa: E402
from summarize.delivery.night import CONTINUING_NIGHTS, RememberedStory, plan_night  # noqa: E402
from summarize.segmenting import split_sentences  # noqa: E402

CONSONANTS, VOWELS = "bdfghklmnprstvwz", "aeiou"
MAX_STORY = 8
# A story's own words (its people, places, things), and how many of a pool sentence's words they replace:
# a real night's stories differ in many more words than in the few test articles the pool comes from.
STORY_NAMES, NAMES_PER_SENTENCE = 10, 4


def _name(rng: random.Random) -> str:
    """An invented proper noun ("Rosabemik"): the rare words that tell one story from another (distinct
    in their first letters, which is what the story measure compares)."""
    return "".join(rng.choice(CONSONANTS) + rng.choice(VOWELS) for _ in range(rng.randint(3, 5))).capitalize()


def _sentence_pool() -> list[str]:
    """The sentences of every test article: the material the generated articles are made of."""
    data = ROOT / "tests" / "data"
    pool = []
    for folder in (ROOT / "seeds", data / "articles", data / "heldout" / "articles"):
        for path in sorted(folder.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                pool += [s for s in split_sentences(line.strip()) if len(s.split()) >= 6]
    return sorted(set(pool))


def night(count: int, seed: int = 0) -> list[tuple[int, str]]:
    """`count` articles as (story number, text: a headline line and paragraphs of three sentences). A story
    is a dozen pool sentences with four of its words replaced by the story's own names; each of its articles
    tells eight of them, in its own order."""
    rng = random.Random(seed)
    pool = _sentence_pool()
    articles: list[tuple[int, str]] = []
    story_number = 0
    while len(articles) < count:
        names = [_name(rng) for _ in range(STORY_NAMES)]
        story = [_with_names(sentence, names, rng) for sentence in rng.sample(pool, 12)]
        for _ in range(min(rng.randint(1, MAX_STORY), count - len(articles))):
            told = rng.sample(story, 8)
            headline = f"{names[0]}: {' '.join(told[0].split()[:7])}"
            paragraphs = [" ".join(told[i:i + 3]) for i in range(0, len(told), 3)]
            articles.append((story_number, "\n\n".join([headline, *paragraphs]) + "\n"))
        story_number += 1
    return articles


def _with_names(sentence: str, names: list[str], rng: random.Random) -> str:
    words = sentence.split()
    for _ in range(NAMES_PER_SENTENCE):
        words[rng.randrange(1, len(words) - 1)] = rng.choice(names)
    return " ".join(words)


def entries(articles: list[tuple[int, str]], ids: list[str]) -> list[digest.Entry]:
    result = []
    for article_id, (_, text) in zip(ids, articles):
        headline, *paragraphs = text.strip().split("\n\n")
        result.append(digest.Entry(
            id=article_id, title_de=headline, title_en=headline, summary_en=paragraphs[0][:200],
            source_path=f"night/{article_id}.txt",
            paragraphs=tuple(tuple(digest.EntrySentence(s, s) for s in split_sentences(p))
                             for p in paragraphs),
            original=text))
    return result


def pair_f1(found: list[list[digest.Entry]], articles: list[tuple[int, str]], ids: list[str]) -> float:
    """How well the stories found match the generated ones (`articles`, with their `ids`): F1 over the pairs
    of articles put together."""
    story = {article_id: story for article_id, (story, _) in zip(ids, articles)}
    found_pairs = {(a.id, b.id) for group in found for a, b in itertools.combinations(group, 2)}
    true_pairs = {(a, b) for a, b in itertools.combinations(sorted(story), 2) if story[a] == story[b]}
    right = len(found_pairs & true_pairs)
    return 2 * right / max(1, len(found_pairs) + len(true_pairs))


def week(count: int) -> tuple[list[tuple[int, str]], list[list[int]]]:
    """The articles of CONTINUING_NIGHTS + 1 nights of `count` each, from one pool, and which of them each
    night carried (tonight's last): a story's articles fall on random nights."""
    articles = night(count * (CONTINUING_NIGHTS + 1))
    order = list(range(len(articles)))
    random.Random(1).shuffle(order)
    return articles, [sorted(order[n * count:(n + 1) * count]) for n in range(CONTINUING_NIGHTS + 1)]


def earlier_nights(out_dir: Path, articles: list[tuple[int, str]], nights: list[list[int]]
                   ) -> tuple[dict[str, Delivered], tuple[Night, ...]]:
    """The earlier nights as the archive keeps them in out_dir: each night's stories (the generated ones)
    remembered by their signatures; and the ledger's articles and nights."""
    delivered, kept = {}, []
    for n, carried in enumerate(nights):
        folder = f"2026-11-{20 + n:02}"
        kept.append(Night(folder, f"{folder}T03:00:00+01:00", 0, len(carried)))
        by_story: dict[int, list[digest.Entry]] = {}
        for i, made in zip(carried, entries([articles[i] for i in carried], [f"a{i:06}" for i in carried])):
            by_story.setdefault(articles[i][0], []).append(made)
            delivered[made.id] = Delivered("", (folder,))
        write_stories(out_dir, folder, [RememberedStory(tuple(e.id for e in story),
                                                        digest.Signature(digest.signature(digest.centroid(story))))
                                        for story in by_story.values()])
    return delivered, tuple(kept)


def continuing_f1(plan_stories: list[list[digest.Entry]], continuing: set[str],
                  articles: list[tuple[int, str]], earlier_ids: set[str]) -> float:
    """How well the stories marked as continuing match those that do (F1 over tonight's stories): a story
    continues when an earlier night carried an article of its generated story."""
    story = {f"a{number:06}": story for number, (story, _) in enumerate(articles)}
    began = {story[article_id] for article_id in earlier_ids}
    truly = {s[0].id for s in plan_stories if story[s[0].id] in began}
    right = len(truly & continuing)
    return 2 * right / max(1, len(truly) + len(continuing))


def _publish_steps(out_dir: Path, tonight: list[digest.Entry], delivered: dict[str, Delivered],
                   nights: tuple[Night, ...]) -> dict[str, Any]:
    """What delivery.publish computes for a night whose articles are all new, step by step, and writes
    (its digest pages; the e-mail's are made, not written)."""
    timings: dict[str, Any] = {}
    start = time.perf_counter()
    timings["stories_found"] = digest.group_stories(tonight)
    timings["grouping"] = time.perf_counter() - start
    start = time.perf_counter()
    ledger = dataclasses.replace(new_ledger(), nights=nights, articles=delivered)
    earlier = read_stories(out_dir, [night.folder for night in nights])
    plan = plan_night(tonight, {e.id: "" for e in tonight}, {}, ledger, earlier, date(2026, 12, 2))
    # plan_night groups the night's articles again: that part is counted under grouping
    timings["continuing"] = time.perf_counter() - start - timings["grouping"]
    start = time.perf_counter()
    generated = "2026-12-02T03:00:00+00:00"
    view = digest.digest_view(plan.entries, generated, plan.stories, [], plan.history)
    record = writing.digest_record(plan.entries, plan.stories, generated, [], plan.history)
    writing.write_digest_pages(out_dir, record, view)
    for page in (digest.mail_html_of(view), digest.markdown_of(view, full=False)):
        assert page
    timings["pages"] = time.perf_counter() - start
    timings["total"] = timings["grouping"] + timings["continuing"] + timings["pages"]
    timings["plan"] = plan
    return timings


def time_digest(count: int) -> dict[str, Any]:
    articles, nights = week(count)
    ids = [f"a{i:06}" for i in nights[-1]]
    with tempfile.TemporaryDirectory() as out:
        delivered, kept = earlier_nights(Path(out), articles, nights[:-1])
        tonight = entries([articles[i] for i in nights[-1]], ids)
        timings = _publish_steps(Path(out), tonight, delivered, kept)
        tracemalloc.start()
        _publish_steps(Path(out), tonight, delivered, kept)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    plan = timings.pop("plan")
    return {**timings, "peak_mb": peak,
            "pair_f1": pair_f1(timings.pop("stories_found"), [articles[i] for i in nights[-1]], ids),
            "continuing_f1": continuing_f1(plan.stories, set(plan.history.earlier), articles, set(delivered))}


def time_run(count: int, model: Path, work: Path) -> dict[str, float]:
    inputs = work / f"in{count}"
    inputs.mkdir()
    for number, (_, text) in enumerate(night(count)):
        (inputs / f"a{number:05}.txt").write_text(text, encoding="utf-8")
    out = work / f"out{count}"
    seconds, peak_mb = run_summarize("run", str(inputs), "-o", str(out), "--model", str(model), "--quiet",
                                     allowed=(0, 1))
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "per_article_ms": 1000 * seconds / count, "peak_mb": peak_mb,
            "translation": report["seconds"]["translation"],
            "checks_and_repairs": report["seconds"]["checks_and_repairs"],
            "rest": report["seconds"]["total"] - report["seconds"]["translation"]
            - report["seconds"]["checks_and_repairs"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("digest", "run"))
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--model", type=Path,
                        help="model folder for `run` (default: a tiny model built here)")
    args = parser.parse_args()
    if args.what == "digest":
        print("| articles | grouping s | continuing s | pages s | total s | peak traced MB "
              "| stories' pair F1 | continuing F1 |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in args.sizes:
            t = time_digest(size)
            print(f"| {size} | {t['grouping']:.2f} | {t['continuing']:.2f} | {t['pages']:.2f} "
                  f"| {t['total']:.2f} | {t['peak_mb']:.0f} | {t['pair_f1']:.3f} "
                  f"| {t['continuing_f1']:.3f} |", flush=True)
        return
    with tempfile.TemporaryDirectory() as work:
        model = args.model
        if model is None:
            from tiny_model import build_marian

            model = build_marian(Path(work) / "model", [p.read_text(encoding="utf-8")
                                                         for p in sorted((ROOT / "seeds").glob("*.txt"))])
        print("| articles | seconds | ms per article | peak RSS MB | translation s | checks and repairs s "
              "| everything else s |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for size in args.sizes:
            t = time_run(size, model, Path(work))
            print(f"| {size} | {t['seconds']:.0f} | {t['per_article_ms']:.0f} | {t['peak_mb']:.0f} | "
                  f"{t['translation']:.0f} | {t['checks_and_repairs']:.0f} | {t['rest']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
