#!/usr/bin/env python3
"""Fills a Maildir's new/ with N junk messages for scripts/bench-return-path: what a return
path collects besides reports (spam to the bounce address, newsletters, plain notices). None is
a DSN, an ARF report, an auto-reply or a bounce: half are plain-text notices (1-4 KB), half
HTML marketing mail with a text part (8-40 KB). Deterministic (seeded) so runs compare.
Usage: junk-maildir.py MAILDIR N"""
import os
import random
import sys

root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(21)
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
WORDS = ("offer members meeting agenda minutes garden club weekly digest discount season annual "
         "committee volunteer schedule library concert program ticket travel group picnic report "
         "invoice renewal reminder welcome update community events photos gallery").split()


def words(k):
    return " ".join(rnd.choice(WORDS) for _ in range(k))


def paragraph(size):
    out, n = [], 0
    while n < size:
        line = words(12)
        out.append(line)
        n += len(line) + 1
    return "\n".join(out)


for i in range(n):
    sender = "%s@%s.example" % (rnd.choice(WORDS), rnd.choice(("shop", "club", "news", "travel", "promo")))
    head = ("Return-Path: <%s>\nDelivered-To: bounces@example.org\nReceived: from mx.%s by mail.example.org;"
            " Mon, 7 Dec 2026 10:%02d:%02d +0000\nFrom: %s\nTo: bounces@example.org\nSubject: %s\n"
            "Date: Mon, 7 Dec 2026 10:%02d:%02d +0000\nMessage-ID: <junk-%d-%d@%s>\nMIME-Version: 1.0\n"
            % (sender, sender.split("@")[1], i % 60, i % 59, sender, words(5).capitalize(), i % 60, i % 59, i,
               rnd.randrange(10**9), sender.split("@")[1]))
    if i % 2 == 0:
        body = head + "Content-Type: text/plain; charset=utf-8\n\nHello,\n\n" + paragraph(rnd.randrange(1000, 4000)) + "\n\nRegards\n"
    else:
        text = paragraph(rnd.randrange(3000, 12000))
        html = "".join("<p style=\"font-family:Arial;color:#333\">%s</p>\n" % p
                       for p in paragraph(rnd.randrange(5000, 28000)).split("\n"))
        b = "b%d" % i
        body = (head + "Content-Type: multipart/alternative; boundary=\"%s\"\n\n--%s\nContent-Type: text/plain; charset=utf-8\n\n%s\n"
                "--%s\nContent-Type: text/html; charset=utf-8\n\n<html><body><table><tr><td>%s</td></tr></table>"
                "<a href=\"https://%s/unsubscribe\">unsubscribe</a></body></html>\n--%s--\n"
                % (b, b, text, b, html, sender.split("@")[1], b))
    name = "17650%05d.M%dP%d.bench" % (i, i, 4242)
    with open(os.path.join(root, "new", name), "w") as f:
        f.write(body.replace("\n", "\r\n") if i % 3 == 0 else body)
