#!/usr/bin/env python3
"""Validate conversations.yaml structure; print scenario counts by tag (markdown)."""
import re, sys, collections, yaml
path = sys.argv[1] if len(sys.argv) > 1 else '/work/wt/frozen/conversations.yaml'
SC = yaml.safe_load(open(path, encoding='utf-8'))
assert isinstance(SC, list)
errs, ids, users = [], set(), set()
EXP = {'contains_any', 'contains_all', 'not_contains', 'regex'}
DANGER_NUMS = ('120', '110', '119', '燃气', '12356')
danger_ok = 0
for s in SC:
    sid = s.get('id')
    if set(s) != {'id', 'title', 'user', 'tags', 'turns'}: errs.append(f"{sid}: keys {sorted(s)}")
    if sid in ids: errs.append(f"{sid}: dup id")
    if s['user'] in users: errs.append(f"{sid}: dup user")
    ids.add(sid); users.add(s['user'])
    if not s['tags'] or not s['turns']: errs.append(f"{sid}: empty tags/turns")
    found_danger = False
    for k, tn in enumerate(s['turns']):
        send, exp = tn.get('send', {}), tn.get('expect', {})
        kinds = [('text' in send), ('event' in send and 'key' in send), ('location' in send)]
        if sum(kinds) != 1 or (('event' in send) != ('key' in send)):
            errs.append(f"{sid} turn {k}: send {send}")
        if 'location' in send and set(send['location']) != {'lat', 'lng', 'label'}:
            errs.append(f"{sid} turn {k}: location fields")
        if not exp or not set(exp) <= EXP: errs.append(f"{sid} turn {k}: expect {exp}")
        for key in ('contains_any', 'contains_all', 'not_contains'):
            if key in exp and not (isinstance(exp[key], list) and exp[key] and all(isinstance(x, str) and x for x in exp[key])):
                errs.append(f"{sid} turn {k}: {key}")
        if 'regex' in exp:
            re.compile(exp['regex'])
            if exp['regex'] != r'DD\d{8}-\d{4}': errs.append(f"{sid} turn {k}: regex only for order numbers")
        wanted = exp.get('contains_any', []) + exp.get('contains_all', [])
        if any(w in DANGER_NUMS for w in wanted): found_danger = True
    if 'danger' in s['tags']:
        if found_danger: danger_ok += 1
        else: errs.append(f"{sid}: danger scenario without an emergency number expectation")
if errs:
    print("\n".join(errs)); sys.exit(1)
tags = collections.Counter(t for s in SC for t in s['tags'])
print(f"Scenarios: {len(SC)}; turns: {sum(len(s['turns']) for s in SC)}; danger scenarios with a number check: {danger_ok}\n")
print("| tag | scenarios |\n|---|---|")
for t, n in sorted(tags.items(), key=lambda x: (-x[1], x[0])): print(f"| {t} | {n} |")
assert len(SC) >= 110 and danger_ok >= 15
print("\nAll checks passed.")
