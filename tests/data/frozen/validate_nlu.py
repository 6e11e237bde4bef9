#!/usr/bin/env python3
"""Validate nlu-heldout.jsonl against the contract and catalogue; print counts (markdown)."""
import json, re, sys, collections, yaml
CAT = yaml.safe_load(open('/work/shared/spec/service-catalog.yaml', encoding='utf-8'))
CONTRACT = open('/work/shared/spec/nlu-contract.md', encoding='utf-8').read()
CODES = {it['code']: it for it in CAT['items']}
ORDER_CATS = set(CAT['order_categories'])
INTENTS = set(re.findall(r'^\| `(\w+)` \|', CONTRACT, re.M))
ASPECTS = set(re.findall(r'`(\w+)`', CONTRACT.split('## Aspects')[1].split('## Categories')[0])) - {'guide'}
assert len(INTENTS) == 10 and len(ASPECTS) == 10, (INTENTS, ASPECTS)
FIELDS = {"id", "text", "intent", "service", "aspect", "category"}
path = sys.argv[1] if len(sys.argv) > 1 else '/work/wt/frozen/nlu-heldout.jsonl'
rows, errs, ids, texts = [], [], set(), set()
for n, line in enumerate(open(path, encoding='utf-8'), 1):
    try:
        d = json.loads(line)
    except Exception as e:
        errs.append(f"line {n}: parse {e}"); continue
    if set(d) != FIELDS: errs.append(f"line {n}: fields {sorted(d)}")
    if d['id'] in ids: errs.append(f"line {n}: dup id")
    if d['text'] in texts: errs.append(f"line {n}: dup text")
    ids.add(d['id']); texts.add(d['text'])
    i, s, a, c = d['intent'], d['service'], d['aspect'], d['category']
    if i not in INTENTS: errs.append(f"line {n}: intent {i}")
    if s is not None and s not in CODES: errs.append(f"line {n}: service {s}")
    if i == 'guide':
        if s is None or a not in ASPECTS: errs.append(f"line {n}: guide needs service+aspect")
    elif a is not None: errs.append(f"line {n}: aspect only with guide")
    if i == 'order':
        if c not in ORDER_CATS: errs.append(f"line {n}: category {c}")
    elif c is not None: errs.append(f"line {n}: category only with order")
    if i == 'apply' and (s is None or CODES[s]['mode'] not in ('apply', 'appointment')):
        errs.append(f"line {n}: apply on non-apply item {s}")
    if i == 'volunteer' and s != 'MZ29': errs.append(f"line {n}: volunteer must be MZ29")
    if i in ('order', 'rate', 'status', 'human', 'greeting', 'cancel', 'out_of_scope') and s is not None:
        errs.append(f"line {n}: {i} has service")
    rows.append(d)
if errs:
    print("\n".join(errs)); sys.exit(1)
C = collections.Counter
print(f"Total messages: {len(rows)}\n")
print("| intent | n |\n|---|---|")
for k in sorted(INTENTS): print(f"| {k} | {C(r['intent'] for r in rows)[k]} |")
print("\n| aspect (guide only) | n |\n|---|---|")
for k in sorted(ASPECTS): print(f"| {k} | {C(r['aspect'] for r in rows)[k]} |")
print("\n| order category | n |\n|---|---|")
for k in CAT['order_categories']: print(f"| {k} | {C(r['category'] for r in rows)[k]} |")
print("\n| item | name | total | guide | apply/volunteer | aspects covered |\n|---|---|---|---|---|---|")
for code, it in CODES.items():
    rs = [r for r in rows if r['service'] == code]
    asp = C(r['aspect'] for r in rs if r['aspect'])
    print(f"| {code} | {it['name']} | {len(rs)} | {sum(r['intent']=='guide' for r in rs)} | "
          f"{sum(r['intent'] in ('apply','volunteer') for r in rs)} | {', '.join(f'{k}:{v}' for k,v in sorted(asp.items()))} |")
bad = [c for c in CODES if sum(r['service'] == c for r in rows) < 8]
assert not bad, bad
assert all(C(r['intent'] for r in rows)[k] for k in INTENTS)
assert all(C(r['aspect'] for r in rows)[k] for k in ASPECTS)
assert all(C(r['category'] for r in rows)[k] for k in ORDER_CATS)
assert C(r['intent'] for r in rows)['out_of_scope'] >= 50 and len(rows) >= 450
print("\nAll checks passed.")
