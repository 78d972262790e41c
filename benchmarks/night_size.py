"""The size of a real night: generated articles by the thousand, their cost per article and peak memory.

    python benchmarks/night_size.py digest 1000 5000 20000   # stories and both digests alone
    python benchmarks/night_size.py run 1000 5000            # whole `summarize run`s, the tiny test model

A monitoring setup scraping a hundred outlets sees 5,000 to 20,000 articles a day. The articles are
generated: stories of one to eight articles (one event, several outlets), made of the test articles'
sentences with the story's own invented names, so that, as on a real night, a story's articles share
rare words and sentences, and all articles share the common words.

`digest` times story grouping, agency-copy detection and the two digests over entries made directly
from the texts (each sentence its own translation): the part of a run that sees all articles at once.
`run` times the whole command in a process of its own (seconds per article, peak RSS from the kernel,
and where the time goes, from run.json). Targets (issue 17): seconds per article at 20,000 within 1.3x of
those at 1,000; peak RSS under 1.5 GB at 20,000; the digest for 20,000 articles in under a minute.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

from summarize import digest  # noqa: E402
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


def entries(articles: list[tuple[int, str]]) -> list[digest.Entry]:
    result = []
    for number, (_, text) in enumerate(articles):
        headline, *paragraphs = text.strip().split("\n\n")
        result.append(digest.Entry(
            id=f"a{number:05}", title_de=headline, title_en=headline, summary_en=paragraphs[0][:200],
            source_path=f"night/a{number:05}.txt",
            paragraphs=tuple(tuple(digest.EntrySentence(s, s) for s in split_sentences(p))
                             for p in paragraphs),
            original=text))
    return result


def pair_f1(found: list[list[digest.Entry]], articles: list[tuple[int, str]]) -> float:
    """How well the stories found match the generated ones: F1 over the pairs of articles put together."""
    story = {f"a{number:05}": story for number, (story, _) in enumerate(articles)}
    found_pairs = {(a.id, b.id) for group in found for a, b in itertools.combinations(group, 2)}
    true_pairs = {(a, b) for a, b in itertools.combinations(sorted(story), 2) if story[a] == story[b]}
    right = len(found_pairs & true_pairs)
    return 2 * right / max(1, len(found_pairs) + len(true_pairs))


def time_digest(count: int) -> dict[str, float]:
    articles = night(count)
    made = entries(articles)
    tracemalloc.start()
    timings = {}
    start = time.perf_counter()
    stories = digest.group_stories(made)
    timings["stories"] = time.perf_counter() - start
    start = time.perf_counter()
    view = digest.digest_view(made, "2026-12-02T03:00:00+00:00", stories, [])  # as writing.write_digest
    digest.markdown_of(view)
    digest.html_of(view)
    timings["digests"] = time.perf_counter() - start
    timings["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    timings["pair_f1"] = pair_f1(stories, articles)
    return timings


def time_run(count: int, model: Path, work: Path) -> dict[str, float]:
    inputs = work / f"in{count}"
    inputs.mkdir()
    for number, (_, text) in enumerate(night(count)):
        (inputs / f"a{number:05}.txt").write_text(text, encoding="utf-8")
    out = work / f"out{count}"
    command = [sys.executable, "-c", "import resource, sys, runpy; sys.argv = sys.argv[1:]; "
               "code = 0\ntry: runpy.run_module('summarize', run_name='__main__')\n"
               "except SystemExit as e: code = e.code or 0\n"
               "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(code)",
               "summarize", "run", str(inputs), "-o", str(out), "--model", str(model), "--quiet"]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr[-2000:])
    peak_kb = int(result.stderr.strip().splitlines()[-1])
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "per_article_ms": 1000 * seconds / count, "peak_mb": peak_kb / 1024,
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
        print("| articles | stories s | both digests s | peak traced MB | stories' pair F1 |")
        print("| ---: | ---: | ---: | ---: | ---: |")
        for size in args.sizes:
            t = time_digest(size)
            print(f"| {size} | {t['stories']:.2f} | {t['digests']:.2f} | {t['peak_mb']:.0f} | "
                  f"{t['pair_f1']:.3f} |", flush=True)
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
