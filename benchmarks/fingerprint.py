"""Did a change alter what the pipeline produces? A fingerprint of every fact and check.

Speed work must not change results. The golden snapshot covers the five corpus notices; this covers
every shipped text (corpus and all fixture sets, txt/docx/pdf as chosen), so a refactor can be
checked against a saved fingerprint in seconds:

    python3 benchmarks/fingerprint.py --save /tmp/before.json
    ... change the code ...
    python3 benchmarks/fingerprint.py --compare /tmp/before.json    # exit 1 and a diff if anything moved
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("targets", "funding", "deadlines", "responsibilities", "citations", "checks")


def shipped(formats: list[str]) -> list[Path]:
    """Every shipped notice in the given formats (fixtures of hostile or fuzzed files left out)."""
    dirs = [ROOT / "corpus", *sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())]
    return [p for d in dirs for fmt in formats for p in sorted(d.glob(f"*.{fmt}"))
            if p.name.lower() != "readme.txt"]


def fingerprint(path: Path) -> dict:
    from extract.errors import NoticesError
    from extract.pipeline import process_file

    try:
        notice = process_file(path)
    except NoticesError as e:
        return {"error": type(e).__name__}
    out = {kind: [json.dumps(f.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)
                  for f in getattr(notice, kind)] for kind in KINDS}
    out["meta"] = [json.dumps(notice.meta.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--formats", default="txt", help="comma-separated: txt,docx,pdf (default txt)")
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path)
    g.add_argument("--compare", type=Path)
    args = ap.parse_args()
    prints = {str(p.relative_to(ROOT)): fingerprint(p) for p in shipped(args.formats.split(","))}
    if args.save:
        args.save.write_text(json.dumps(prints, ensure_ascii=False, indent=0), encoding="utf-8")
        print(f"{len(prints)} files fingerprinted -> {args.save}")
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    changed = 0
    for name in sorted(set(before) | set(prints)):
        a, b = before.get(name, {}), prints.get(name, {})
        for kind in sorted(set(a) | set(b)):
            old, new = a.get(kind, []), b.get(kind, [])
            if old != new:
                changed += 1
                print(f"{name} {kind}: {len(old)} -> {len(new)}")
                for line in sorted(set(old) - set(new))[:3]:
                    print("   -", line[:300])
                for line in sorted(set(new) - set(old))[:3]:
                    print("   +", line[:300])
    print(f"{len(prints)} files, {changed} differences")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
