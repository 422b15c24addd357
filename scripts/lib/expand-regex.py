#!/usr/bin/env python3
"""Reads "reason<TAB>kind<TAB>text" lines; a "regex" or "regex:MODULE" line (a Perl qr// with newlines as \\x01) is
expanded into one example phrase per alternative (".+" as "x", a class as one member, optional
parts left out), each printed with its MODULE as the kind; other lines pass through. Best effort: a pattern Python cannot parse is skipped."""
import re, sys
import re._parser as P
import re._constants as C

def gen(items, limit=400):
    outs = ['']
    for op, av in items:
        if op == C.LITERAL:
            outs = [o + chr(av) for o in outs]
        elif op in (C.NOT_LITERAL, C.ANY):
            outs = [o + 'x' for o in outs]
        elif op == C.IN:
            ch = 'x'
            for k, v in av:
                if k == C.LITERAL: ch = chr(v); break
                if k == C.RANGE: ch = chr(v[0]); break
                if k == C.CATEGORY: ch = '0' if 'DIGIT' in str(v) else ' ' if 'SPACE' in str(v) else 'x'; break
            outs = [o + ch for o in outs]
        elif op == C.BRANCH:
            alts = [a for b in av[1] for a in gen(b, limit)]
            outs = [o + a for o in outs for a in alts][:limit]
        elif op == C.SUBPATTERN:
            sub = gen(av[3], limit); outs = [o + a for o in outs for a in sub][:limit]
        elif op == C.ATOMIC_GROUP:
            sub = gen(av, limit); outs = [o + a for o in outs for a in sub][:limit]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            lo, _, sub = av
            if lo > 0:
                s = gen(sub, limit); outs = [o + s[0] * lo for o in outs]
    return outs

for line in sys.stdin:
    reason, kind, text = line.rstrip('\n').split('\t', 2)
    if not kind.startswith('regex'):
        print(line, end=''); continue
    module = kind[len('regex:'):] if kind.startswith('regex:') else 'regex' 
    m = re.match(r'\(\?\^?([a-z]*):(.*)\)$', text.replace('\x01', '\n').replace('\\z', '$'), re.S)
    if not m: continue
    flags, body = m.group(1), m.group(2)
    if 'x' in flags: body = re.sub(r'(?<=\s)#[^\n]*', '', body)
    try:
        tree = P.parse(body, re.X if 'x' in flags else 0)
    except Exception:
        continue
    for p in gen(list(tree)):
        if p.strip(): print(f"{reason}\t{module}\t{p.strip()}")
