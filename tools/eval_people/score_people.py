#!/usr/bin/env python3
"""Scores people-dump output against a gold TSV (file<TAB>name|name|...).

Gold strings of one article are grouped into people first: a string whose words are
the last word(s) of a longer gold string ("Bitar" of "Salem Bitar") is the same person.
- exact: a prediction matches a gold person when its folded form equals the folded
  form of the person's fullest gold string;
- lenient: when it shares the surname (last word) with any of the person's strings,
  or one's words contain the other's.
Folding here is case, accents and punctuation only (not the extractor's person_key),
so the score does not depend on the code it measures. Each gold person matches once.
"""
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(c.lower() if c.isalnum() else " " for c in s.replace("'", ""))
    return " ".join(s.split())


def read(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            name, _, rest = line.partition("\t")
            out[name.split("/")[-1]] = [x for x in rest.split("|") if x.strip()]
    return out


def group(strings):
    """Gold strings to people: lists of folded strings, fullest first."""
    folded = sorted({fold(s) for s in strings if fold(s)}, key=lambda s: -len(s.split()))
    people = []
    for s in folded:
        w = s.split()
        for p in people:
            full = p[0].split()
            if w == full[-len(w):] or (len(w) == 1 and w[0] == full[0]):
                p.append(s)
                break
        else:
            people.append([s])
    return people


def lenient(pred, person):
    pw = pred.split()
    for g in person:
        gw = g.split()
        if pw[-1] == gw[-1] or set(gw) <= set(pw) or set(pw) <= set(gw):
            return True
    return False


def score(pred, gold, mode):
    tp_p = tp_g = n_p = n_g = 0
    for name, gstrings in gold.items():
        people = group(gstrings)
        preds = [fold(p) for p in pred.get(name, []) if fold(p)]
        n_p += len(preds)
        n_g += len(people)
        used = set()
        for p in preds:
            for i, person in enumerate(people):
                if i in used:
                    continue
                ok = p == person[0] if mode == "exact" else lenient(p, person)
                if ok:
                    used.add(i)
                    tp_p += 1
                    break
        tp_g += len(used)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, n_p, n_g


def main():
    pred, gold = read(sys.argv[1]), read(sys.argv[2])
    for mode in ("exact", "lenient"):
        p, r, f, n_p, n_g = score(pred, gold, mode)
        print(f"{mode:8s} P={p:.3f} R={r:.3f} F1={f:.3f}  ({n_p} predicted, {n_g} gold people)")


if __name__ == "__main__":
    main()
